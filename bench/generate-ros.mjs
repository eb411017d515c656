// Writes a deterministic ROS YAML template of about the requested size: many ALIYUN::ECS::SecurityGroup,
// ALIYUN::ECS::Instance, ALIYUN::OSS::Bucket and ALIYUN::RDS::DBInstance resources with ROS short-form tags
// (!Ref, !GetAtt, !Sub, !Join), short Tags lists and Chinese descriptions.
// Usage: node bench/generate-ros.mjs <out.ros.yaml> [sizeKB=1024]
import { fillToSize, runFromCommandLine } from './generator.mjs';

const HEADER = `ROSTemplateFormatVersion: '2015-09-01'
# 生成的基准测试模板：大量安全组、实例、存储桶和数据库
Description:
  zh-cn: 基准测试用的大型 ROS 模板
  en: Large ROS template for benchmarks
Parameters:
  ZoneId:
    Type: String
    Label: 可用区
  InstanceType:
    Type: String
    Default: ecs.g7.large
    Label: 实例规格
  Env:
    Type: String
    Default: prod
Resources:
  Vpc:
    Type: ALIYUN::ECS::VPC
    Properties:
      CidrBlock: 172.16.0.0/12
      VpcName: bench-vpc
`;

export function generateRosYaml(targetBytes) {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const blocks = [
    (i) => `  # 安全组 ${i}：对外开放的端口
  SecurityGroup${i}:
    Type: ALIYUN::ECS::SecurityGroup
    Properties:
      VpcId: !GetAtt Vpc.VpcId
      SecurityGroupName: sg-${i}
      Description: 第 ${i} 组 Web 服务器安全组
      SecurityGroupIngress:
        - Description: 允许 SSH 登录
          IpProtocol: tcp
          PortRange: 22/22
          SourceCidrIp: ${next() % 2 ? '0.0.0.0/0' : `10.${next() % 255}.0.0/16`}
          Priority: ${1 + (next() % 100)}
        - Description: 允许 HTTPS 访问
          IpProtocol: tcp
          PortRange: 443/443
          SourceCidrIp: 0.0.0.0/0
      Tags:
        - Key: 名称
          Value: sg-${i}
`,
    (i) => `  Instance${i}:
    Type: ALIYUN::ECS::Instance
    Properties:
      ZoneId: !Ref ZoneId
      VpcId: !GetAtt Vpc.VpcId
      SecurityGroupId: !GetAtt SecurityGroup${i - 1}.SecurityGroupId
      InstanceType: !Ref InstanceType
      ImageId: ubuntu_22_04_x64_20G_alibase_20240508.vhd
      InstanceName: !Sub web-服务器-${i}-\${Env}
      Description: 第 ${i} 台应用服务器，部署订单服务
      SystemDiskCategory: cloud_essd
      AllocatePublicIP: ${next() % 2 ? 'true' : 'false'}
      InternetMaxBandwidthOut: ${next() % 100}
      Tags:
        - Key: env
          Value: prod
`,
    (i) => `  Bucket${i}:
    Type: ALIYUN::OSS::Bucket
    Properties:
      BucketName: !Join
        - '-'
        - - acme-static-${i}
          - !Ref Env
      AccessControl: ${['private', 'public-read', 'private'][next() % 3]}
      ServerSideEncryptionConfiguration:
        SSEAlgorithm: KMS
      Tags:
        用途: 静态资源 ${i}
`,
    (i) => `  # 云数据库 RDS MySQL ${i}
  Database${i}:
    Type: ALIYUN::RDS::DBInstance
    Properties:
      Engine: MySQL
      EngineVersion: '8.0'
      DBInstanceClass: mysql.n2.medium.1
      DBInstanceStorage: ${20 + (next() % 500)}
      ZoneId: !Ref ZoneId
      VpcId: !GetAtt Vpc.VpcId
      DBInstanceNetType: Intranet
      DBInstanceDescription: 订单数据库 ${i}
      SecurityIPList: 172.16.0.0/16,10.${next() % 255}.0.0/24
      Tags:
        - Key: 团队
          Value: 交易
`,
  ];
  return fillToSize(HEADER, blocks, targetBytes);
}

runFromCommandLine(import.meta.url, 'node bench/generate-ros.mjs <out.ros.yaml> [sizeKB]', generateRosYaml);
