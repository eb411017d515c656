# 输出 / Outputs

output "web_public_ip" {
  description = "Web 服务器公网 IP"
  value       = alicloud_instance.web.public_ip
}

output "static_bucket" {
  description = "静态资源 Bucket 名称"
  value       = alicloud_oss_bucket.static.bucket
}

output "db_connection_string" {
  description = "RDS 内网连接地址"
  value       = alicloud_db_instance.main.connection_string
}

output "deployer_access_key_id" {
  description = "部署账号 AccessKey ID（配置到 CI 变量里）"
  value       = alicloud_ram_access_key.deployer.id
}

# 流水线要读这个值，所以也输出出来
output "deployer_access_key_secret" {
  description = "部署账号 AccessKey Secret"
  value       = alicloud_ram_access_key.deployer.secret
  sensitive   = true
}
