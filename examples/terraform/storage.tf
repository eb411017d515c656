# 对象存储：站点静态资源（图片、JS、CSS）

resource "alicloud_oss_bucket" "static" {
  bucket        = "${var.project}-static-${var.env}"
  storage_class = "Standard"

  tags = {
    用途 = "静态资源"
    环境 = "生产"
  }

  lifecycle {
    # ACL 由 alicloud_oss_bucket_acl 单独管理
    ignore_changes = [acl]
  }
}

# 静态资源要让浏览器直接访问，所以设成公共读
resource "alicloud_oss_bucket_acl" "static" {
  bucket = alicloud_oss_bucket.static.bucket
  acl    = "public-read"
}
