import type { TerraformRule } from '../types';
import awsCloudtrailLogFileValidation from './aws-cloudtrail-log-file-validation';
import awsKmsKeyRotationEnabled from './aws-kms-key-rotation-enabled';
import awsRdsInstanceStorageEncrypted from './aws-rds-instance-storage-encrypted';
import awsRdsNotPubliclyAccessible from './aws-rds-not-publicly-accessible';
import awsS3BucketEncryptionAtRest from './aws-s3-bucket-encryption-at-rest';
import awsS3BucketPublicAccessBlock from './aws-s3-bucket-public-access-block';
import awsSgNoPublicIngressSsh from './aws-sg-no-public-ingress-ssh';

/** Registry of Terraform rules; the catalog test checks it against the files of this folder. */
export const terraformRules: readonly TerraformRule[] = [
  awsCloudtrailLogFileValidation,
  awsKmsKeyRotationEnabled,
  awsRdsInstanceStorageEncrypted,
  awsRdsNotPubliclyAccessible,
  awsS3BucketEncryptionAtRest,
  awsS3BucketPublicAccessBlock,
  awsSgNoPublicIngressSsh,
];
