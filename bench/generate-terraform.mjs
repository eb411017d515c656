// Writes a deterministic Terraform file of about the requested size, built from realistic alicloud
// resources (security-group rules, instances, buckets, databases) with Chinese comments mixed in.
// Usage: node bench/generate-terraform.mjs <out.tf> [sizeKB=1024]
import { fillToSize, runFromCommandLine } from './generator.mjs';

export function generateTerraform(targetBytes) {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const blocks = [
    (i) => `# 安全组规则 ${i}\nresource "alicloud_security_group_rule" "rule_${i}" {\n  type              = "ingress"\n  ip_protocol       = "tcp"\n  port_range        = "${next() % 65000}/${next() % 65000}"\n  priority          = ${1 + (next() % 100)}\n  security_group_id = alicloud_security_group.sg_${i % 50}.id\n  cidr_ip           = "10.${next() % 255}.0.0/16"\n}\n`,
    (i) => `resource "alicloud_instance" "web_${i}" {\n  instance_name              = "web-服务器-${i}"\n  instance_type              = var.instance_type\n  image_id                   = "ubuntu_22_04_x64_20G_alibase_20240508.vhd"\n  security_groups            = [alicloud_security_group.sg_${i % 50}.id]\n  vswitch_id                 = alicloud_vswitch.vsw_${i % 10}.id\n  internet_max_bandwidth_out = ${next() % 100}\n  system_disk_category       = "cloud_essd"\n  tags = { 名称 = "web-${i}", env = "prod" }\n}\n`,
    (i) => `resource "alicloud_oss_bucket" "bucket_${i}" {\n  bucket = "acme-static-${i}"\n  server_side_encryption_rule {\n    sse_algorithm = "KMS"\n  }\n  versioning {\n    status = "Enabled"\n  }\n}\n`,
    (i) => `resource "alicloud_db_instance" "db_${i}" {\n  engine           = "MySQL"\n  engine_version   = "8.0"\n  instance_type    = "rds.mysql.s2.large"\n  instance_storage = ${20 + (next() % 500)}\n  vswitch_id       = alicloud_vswitch.vsw_${i % 10}.id\n  security_ips     = ["10.0.0.0/8", "172.16.${next() % 255}.0/24"]\n}\n`,
  ];
  return fillToSize('', blocks, targetBytes);
}

runFromCommandLine(import.meta.url, 'node bench/generate-terraform.mjs <out.tf> [sizeKB]', generateTerraform);
