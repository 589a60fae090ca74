import type { TerraformRule } from '../types';
import awsCloudtrailCloudwatchIntegration from './aws-cloudtrail-cloudwatch-integration';
import awsCloudtrailKmsEncryption from './aws-cloudtrail-kms-encryption';
import awsCloudtrailLogFileValidation from './aws-cloudtrail-log-file-validation';
import awsCloudtrailMultiRegionLogging from './aws-cloudtrail-multi-region-logging';
import awsCloudtrailS3DataEvents from './aws-cloudtrail-s3-data-events';
import awsCloudwatchAlarmConsoleAuthFailures from './aws-cloudwatch-alarm-console-auth-failures';
import awsCloudwatchLogGroupKms from './aws-cloudwatch-log-group-kms';
import awsCloudwatchLogGroupRetention from './aws-cloudwatch-log-group-retention';
import awsDynamodbEncryptionKmsCmk from './aws-dynamodb-encryption-kms-cmk';
import awsDynamodbPitrEnabled from './aws-dynamodb-pitr-enabled';
import awsEbsDefaultEncryptionEnabled from './aws-ebs-default-encryption-enabled';
import awsEbsVolumesEncrypted from './aws-ebs-volumes-encrypted';
import awsEc2NoPublicIp from './aws-ec2-no-public-ip';
import awsEfsEncrypted from './aws-efs-encrypted';
import awsGuarddutyDetectorEnabled from './aws-guardduty-detector-enabled';
import awsIamPasswordPolicyStrong from './aws-iam-password-policy-strong';
import awsKmsKeyRotationEnabled from './aws-kms-key-rotation-enabled';
import awsOpensearchAuditLogging from './aws-opensearch-audit-logging';
import awsOpensearchEncryptionAtRest from './aws-opensearch-encryption-at-rest';
import awsOpensearchEnforceHttps from './aws-opensearch-enforce-https';
import awsOpensearchNodeToNodeEncryption from './aws-opensearch-node-to-node-encryption';
import awsRdsBackupRetention from './aws-rds-backup-retention';
import awsRdsClusterStorageEncrypted from './aws-rds-cluster-storage-encrypted';
import awsRdsEnforceTlsInTransit from './aws-rds-enforce-tls-in-transit';
import awsRdsInstanceStorageEncrypted from './aws-rds-instance-storage-encrypted';
import awsRdsLogsExported from './aws-rds-logs-exported';
import awsRdsNotPubliclyAccessible from './aws-rds-not-publicly-accessible';
import awsRedshiftAuditLogging from './aws-redshift-audit-logging';
import awsRedshiftEncrypted from './aws-redshift-encrypted';
import awsRedshiftNotPublic from './aws-redshift-not-public';
import awsRedshiftRequireSsl from './aws-redshift-require-ssl';
import awsS3BucketEncryptionAtRest from './aws-s3-bucket-encryption-at-rest';
import awsS3BucketPublicAccessBlock from './aws-s3-bucket-public-access-block';
import awsSgNoPublicIngressSsh from './aws-sg-no-public-ingress-ssh';
import awsSnsTopicEncrypted from './aws-sns-topic-encrypted';
import awsSqsQueueEncrypted from './aws-sqs-queue-encrypted';
import awsVpcFlowLogsEnabled from './aws-vpc-flow-logs-enabled';

/** Registry of Terraform rules; the catalog test checks it against the files of this folder. */
export const terraformRules: readonly TerraformRule[] = [
  awsCloudtrailCloudwatchIntegration,
  awsCloudtrailKmsEncryption,
  awsCloudtrailLogFileValidation,
  awsCloudtrailMultiRegionLogging,
  awsCloudtrailS3DataEvents,
  awsCloudwatchAlarmConsoleAuthFailures,
  awsCloudwatchLogGroupKms,
  awsCloudwatchLogGroupRetention,
  awsDynamodbEncryptionKmsCmk,
  awsDynamodbPitrEnabled,
  awsEbsDefaultEncryptionEnabled,
  awsEbsVolumesEncrypted,
  awsEc2NoPublicIp,
  awsEfsEncrypted,
  awsGuarddutyDetectorEnabled,
  awsIamPasswordPolicyStrong,
  awsKmsKeyRotationEnabled,
  awsOpensearchAuditLogging,
  awsOpensearchEncryptionAtRest,
  awsOpensearchEnforceHttps,
  awsOpensearchNodeToNodeEncryption,
  awsRdsBackupRetention,
  awsRdsClusterStorageEncrypted,
  awsRdsEnforceTlsInTransit,
  awsRdsInstanceStorageEncrypted,
  awsRdsLogsExported,
  awsRdsNotPubliclyAccessible,
  awsRedshiftAuditLogging,
  awsRedshiftEncrypted,
  awsRedshiftNotPublic,
  awsRedshiftRequireSsl,
  awsS3BucketEncryptionAtRest,
  awsS3BucketPublicAccessBlock,
  awsSgNoPublicIngressSsh,
  awsSnsTopicEncrypted,
  awsSqsQueueEncrypted,
  awsVpcFlowLogsEnabled,
];
