# 生产环境参数
region        = "cn-hangzhou"
env           = "prod"
instance_type = "ecs.g7.xlarge"

# 数据库管理员密码（先写在这里，上线前再换）
db_admin_password = "Prod#Rds@8812"
