import type { TerraformRule } from '../types';
import awsCloudtrailLogFileValidation from './aws-cloudtrail-log-file-validation';
import awsKmsKeyRotationEnabled from './aws-kms-key-rotation-enabled';
import awsOpensearchAuditLogging from './aws-opensearch-audit-logging';
import awsOpensearchEncryptionAtRest from './aws-opensearch-encryption-at-rest';
import awsOpensearchEnforceHttps from './aws-opensearch-enforce-https';
import awsOpensearchNodeToNodeEncryption from './aws-opensearch-node-to-node-encryption';
import awsRdsInstanceStorageEncrypted from './aws-rds-instance-storage-encrypted';
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

/** Registry of Terraform rules; the catalog test checks it against the files of this folder. */
export const terraformRules: readonly TerraformRule[] = [
  awsCloudtrailLogFileValidation,
  awsKmsKeyRotationEnabled,
  awsOpensearchAuditLogging,
  awsOpensearchEncryptionAtRest,
  awsOpensearchEnforceHttps,
  awsOpensearchNodeToNodeEncryption,
  awsRdsInstanceStorageEncrypted,
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
];
