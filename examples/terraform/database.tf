# 云数据库 RDS MySQL

resource "alicloud_db_instance" "main" {
  engine                   = "MySQL"
  engine_version           = "8.0"
  instance_type            = "mysql.n2.medium.1"
  instance_storage         = 50
  instance_charge_type     = "Postpaid"
  db_instance_storage_type = "cloud_essd"
  instance_name            = "web-数据库"
  vswitch_id               = alicloud_vswitch.web.id
  # 白名单：内网 + 开发同学本地调试（临时放开）
  security_ips = ["172.16.0.0/16", "0.0.0.0/0"]

  tags = { 名称 = "web-数据库", 环境 = "生产" }
}

# 应用账号
resource "alicloud_rds_account" "app" {
  db_instance_id   = alicloud_db_instance.main.id
  account_name     = "webapp"
  account_password = "WebApp#2024pass"
  account_type     = "Normal"
}

# 高权限账号，密码来自变量（见 variables.tf / terraform.tfvars）
resource "alicloud_rds_account" "admin" {
  db_instance_id      = alicloud_db_instance.main.id
  account_name        = "dbadmin"
  account_password    = var.db_admin_password
  account_type        = "Super"
  account_description = "DBA 高权限账号"
}
