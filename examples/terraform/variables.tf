# 输入变量 / Input variables

variable "region" {
  description = "部署地域"
  type        = string
  default     = "cn-hangzhou"
}

variable "project" {
  description = "项目名，用作资源名前缀"
  type        = string
  default     = "acme-web"
}

variable "env" {
  description = "环境：prod / staging"
  type        = string
  default     = "prod"
}

variable "vpc_cidr" {
  description = "专有网络网段"
  type        = string
  default     = "172.16.0.0/16"
}

variable "vswitch_cidr" {
  description = "交换机网段"
  type        = string
  default     = "172.16.1.0/24"
}

variable "instance_type" {
  description = "ECS 实例规格"
  type        = string
  default     = "ecs.g7.large"
}

# RDS 高权限账号密码
variable "db_admin_password" {
  description = "RDS 高权限账号密码（默认值仅供测试）"
  type        = string
  default     = "Rds@Admin2024!"
}

# 控制台登录密码：由 CI 通过 TF_VAR_ram_console_password 注入
variable "ram_console_password" {
  description = "部署子账号的控制台登录密码"
  type        = string
  sensitive   = true
}
