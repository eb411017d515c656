# =============================================================================
# 网络与计算 / Network and compute
# =============================================================================

data "alicloud_zones" "default" {
  available_disk_category     = "cloud_essd"
  available_resource_creation = "VSwitch"
}

# 专有网络
resource "alicloud_vpc" "main" {
  vpc_name    = "${var.project}-vpc"
  cidr_block  = var.vpc_cidr
  description = "生产环境专有网络"
  tags        = { 名称 = "web-专有网络", 环境 = "生产" }
}

# 交换机
resource "alicloud_vswitch" "web" {
  vpc_id       = alicloud_vpc.main.id
  cidr_block   = var.vswitch_cidr
  zone_id      = data.alicloud_zones.default.zones.0.id
  vswitch_name = "${var.project}-vsw-web"
}

# 安全组
resource "alicloud_security_group" "web" {
  security_group_name = "${var.project}-sg-web"
  description         = "Web 服务器安全组"
  vpc_id              = alicloud_vpc.main.id
}

# 允许 SSH —— 运维在家也要能登录，先对全网放开
resource "alicloud_security_group_rule" "allow_ssh" {
  type                  = "ingress"
  ip_protocol           = "tcp"
  nic_type              = "intranet"
  policy                = "accept"
  port_range            = "22/22"
  priority              = 1
  security_group_id     = alicloud_security_group.web.id
  /* 来源：任意地址 */ cidr_ip = "0.0.0.0/0"
}

# 允许远程桌面（Windows 跳板机用）
resource "alicloud_security_group_rule" "allow_rdp" {
  type              = "ingress"
  ip_protocol       = "tcp"
  nic_type          = "intranet"
  policy            = "accept"
  port_range        = "3389/3389"
  priority          = 1
  security_group_id = alicloud_security_group.web.id
  cidr_ip           = "0.0.0.0/0"
}

# HTTPS 对公网开放（Web 站点本来就要对外）
resource "alicloud_security_group_rule" "allow_https" {
  type              = "ingress"
  ip_protocol       = "tcp"
  nic_type          = "intranet"
  policy            = "accept"
  port_range        = "443/443"
  priority          = 10
  security_group_id = alicloud_security_group.web.id
  cidr_ip           = "0.0.0.0/0"
}

# 生产环境 Web 服务器
resource "alicloud_instance" "web" {
  instance_name        = "web-服务器-01"
  host_name            = "web01"
  availability_zone    = data.alicloud_zones.default.zones.0.id
  instance_type        = var.instance_type
  image_id             = "ubuntu_22_04_x64_20G_alibase_20240508.vhd"
  security_groups      = [alicloud_security_group.web.id]
  vswitch_id           = alicloud_vswitch.web.id
  system_disk_category = "cloud_essd"
  system_disk_size     = 40
  internet_charge_type = "PayByTraffic"
  # 公网出带宽（Mbps），分配公网 IP 直接对外服务
  internet_max_bandwidth_out = 10
  password                   = "Web@Server2024!"

  user_data = base64encode(<<-EOT
    #!/bin/bash
    # 安装 nginx 并写入首页
    apt-get update -y
    apt-get install -y nginx
    echo "部署完成：${var.project}-${var.env}" > /var/www/html/index.html
  EOT
  )

  tags = { 名称 = "web-服务器", 环境 = "生产" }
}

# 数据盘：存放上传文件和日志
resource "alicloud_ecs_disk" "data" {
  zone_id     = data.alicloud_zones.default.zones.0.id
  disk_name   = "${var.project}-data"
  description = "Web 数据盘"
  category    = "cloud_essd"
  size        = 100
  tags = {
    名称 = "数据盘"
  }
}
