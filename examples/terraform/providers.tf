# =============================================================================
# 生产环境 Web 站点 —— Provider 与远程状态配置
# Production web stack: provider and remote state.
# 注意 / NOTE: every key in examples/ is fake (random, never issued).
# =============================================================================

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    alicloud = {
      source  = "aliyun/alicloud"
      version = ">= 1.239.0"
    }
  }

  # 状态文件放在 OSS，用表格存储做锁
  backend "oss" {
    bucket              = "acme-terraform-state"
    prefix              = "web-stack/prod"
    key                 = "terraform.tfstate"
    region              = "cn-hangzhou"
    tablestore_endpoint = "https://tf-lock.cn-hangzhou.ots.aliyuncs.com"
    tablestore_table    = "statelock"
    # backend 块里不能用变量，先直接写死（临时）
    access_key = "LTAIfFfzUpEkgMpLlgYFQxYw"
    secret_key = "JzvGSkMsWHOSpiWN6xAe74A5ac9TVz"
  }
}

provider "alicloud" {
  region = var.region
  # TODO: 改成环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET
  access_key = "LTAIfFfzUpEkgMpLlgYFQxYw"
  secret_key = "JzvGSkMsWHOSpiWN6xAe74A5ac9TVz"
}
