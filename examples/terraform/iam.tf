# 访问控制 RAM：给 CI 流水线用的部署子账号

resource "alicloud_ram_user" "deployer" {
  name         = "ci-deployer"
  display_name = "持续集成部署账号"
  comments     = "GitLab CI 使用的子账号"
  force        = true
}

# 控制台登录（偶尔需要人工排查）
resource "alicloud_ram_login_profile" "deployer" {
  user_name               = alicloud_ram_user.deployer.name
  password                = var.ram_console_password
  password_reset_required = true
  mfa_bind_required       = false
}

# 长期有效的 AccessKey，给流水线用
resource "alicloud_ram_access_key" "deployer" {
  user_name = alicloud_ram_user.deployer.name
}

# 为了省事先给全部权限，之后再收紧
resource "alicloud_ram_policy" "deployer_full_access" {
  policy_name     = "deployer-full-access"
  description     = "部署账号权限（临时）"
  force           = true
  policy_document = <<-EOF
    {
      "Version": "1",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "*",
          "Resource": "*"
        }
      ]
    }
  EOF
}

resource "alicloud_ram_user_policy_attachment" "deployer" {
  policy_name = alicloud_ram_policy.deployer_full_access.policy_name
  policy_type = alicloud_ram_policy.deployer_full_access.type
  user_name   = alicloud_ram_user.deployer.name
}
