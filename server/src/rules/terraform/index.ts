import type { TerraformRule } from '../types';
import awsApigwCacheEncrypted from './aws-apigw-cache-encrypted';
import awsApigwDomainTls12 from './aws-apigw-domain-tls12';
import awsApigwStageAccessLogging from './aws-apigw-stage-access-logging';
import awsBackupPlanRetention from './aws-backup-plan-retention';
import awsBackupSelectionCoversPhiDatastores from './aws-backup-selection-covers-phi-datastores';
import awsBackupVaultKmsCmk from './aws-backup-vault-kms-cmk';
import awsCloudtrailCloudwatchIntegration from './aws-cloudtrail-cloudwatch-integration';
import awsCloudtrailKmsEncryption from './aws-cloudtrail-kms-encryption';
import awsCloudtrailLogFileValidation from './aws-cloudtrail-log-file-validation';
import awsCloudtrailMultiRegionLogging from './aws-cloudtrail-multi-region-logging';
import awsCloudtrailS3DataEvents from './aws-cloudtrail-s3-data-events';
import awsCloudwatchAlarmConsoleAuthFailures from './aws-cloudwatch-alarm-console-auth-failures';
import awsCloudwatchLogGroupKms from './aws-cloudwatch-log-group-kms';
import awsCloudwatchLogGroupRetention from './aws-cloudwatch-log-group-retention';
import awsComputeConfigNoPlaintextSecrets from './aws-compute-config-no-plaintext-secrets';
import awsDynamodbEncryptionKmsCmk from './aws-dynamodb-encryption-kms-cmk';
import awsDynamodbPitrEnabled from './aws-dynamodb-pitr-enabled';
import awsEbsDefaultEncryptionEnabled from './aws-ebs-default-encryption-enabled';
import awsEbsVolumesEncrypted from './aws-ebs-volumes-encrypted';
import awsEc2NoPublicIp from './aws-ec2-no-public-ip';
import awsEfsEncrypted from './aws-efs-encrypted';
import awsEksControlPlaneLogging from './aws-eks-control-plane-logging';
import awsEksEndpointNotPublic from './aws-eks-endpoint-not-public';
import awsEksSecretsEncryption from './aws-eks-secrets-encryption';
import awsElasticacheEncryptionAtRest from './aws-elasticache-encryption-at-rest';
import awsElasticacheEncryptionInTransit from './aws-elasticache-encryption-in-transit';
import awsElasticacheRedisBackup from './aws-elasticache-redis-backup';
import awsGuarddutyDetectorEnabled from './aws-guardduty-detector-enabled';
import awsIamNoAdminStarPolicy from './aws-iam-no-admin-star-policy';
import awsIamNoAdministratoraccessAttachment from './aws-iam-no-administratoraccess-attachment';
import awsIamPasswordPolicyStrong from './aws-iam-password-policy-strong';
import awsKmsKeyPolicyNoWildcardPrincipal from './aws-kms-key-policy-no-wildcard-principal';
import awsKmsKeyRotationEnabled from './aws-kms-key-rotation-enabled';
import awsLbAccessLogging from './aws-lb-access-logging';
import awsLbListenerHttps from './aws-lb-listener-https';
import awsLbListenerTls12Policy from './aws-lb-listener-tls12-policy';
import awsNoHardcodedCredentialsProvider from './aws-no-hardcoded-credentials-provider';
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
import awsS3BucketAccessLogging from './aws-s3-bucket-access-logging';
import awsS3BucketEncryptionAtRest from './aws-s3-bucket-encryption-at-rest';
import awsS3BucketNoPublicAcl from './aws-s3-bucket-no-public-acl';
import awsS3BucketPolicyDenyInsecureTransport from './aws-s3-bucket-policy-deny-insecure-transport';
import awsS3BucketPolicyNoWildcardPrincipal from './aws-s3-bucket-policy-no-wildcard-principal';
import awsS3BucketPublicAccessBlock from './aws-s3-bucket-public-access-block';
import awsS3BucketVersioningEnabled from './aws-s3-bucket-versioning-enabled';
import awsSecretsmanagerRotationEnabled from './aws-secretsmanager-rotation-enabled';
import awsSgNoPublicIngressAllPorts from './aws-sg-no-public-ingress-all-ports';
import awsSgNoPublicIngressDbPorts from './aws-sg-no-public-ingress-db-ports';
import awsSgNoPublicIngressRdp from './aws-sg-no-public-ingress-rdp';
import awsSgNoPublicIngressSsh from './aws-sg-no-public-ingress-ssh';
import awsSnsTopicEncrypted from './aws-sns-topic-encrypted';
import awsSqsQueueEncrypted from './aws-sqs-queue-encrypted';
import awsVpcFlowLogsEnabled from './aws-vpc-flow-logs-enabled';
import azureAksLocalAccountsDisabled from './azure-aks-local-accounts-disabled';
import azureAksPrivateApiServer from './azure-aks-private-api-server';
import azureAksRbacEnabled from './azure-aks-rbac-enabled';
import azureKeyvaultDiagnosticLogging from './azure-keyvault-diagnostic-logging';
import azureKeyvaultPurgeProtection from './azure-keyvault-purge-protection';
import azureMssqlDatabaseTdeEnabled from './azure-mssql-database-tde-enabled';
import azureMssqlServerAuditingEnabled from './azure-mssql-server-auditing-enabled';
import azureStorageAccountDefaultDenyNetwork from './azure-storage-account-default-deny-network';
import azureStorageAccountHttpsOnly from './azure-storage-account-https-only';
import azureStorageAccountInfrastructureEncryption from './azure-storage-account-infrastructure-encryption';
import azureStorageAccountMinTls12 from './azure-storage-account-min-tls12';
import azureStorageAccountNoPublicBlobAccess from './azure-storage-account-no-public-blob-access';
import gcpCloudsqlBackupsEnabled from './gcp-cloudsql-backups-enabled';
import gcpCloudsqlNoPublicIp from './gcp-cloudsql-no-public-ip';
import gcpCloudsqlRequireSsl from './gcp-cloudsql-require-ssl';
import gcpFirewallNoPublicSshRdp from './gcp-firewall-no-public-ssh-rdp';
import gcpGkeLoggingEnabled from './gcp-gke-logging-enabled';
import gcpGkePrivateCluster from './gcp-gke-private-cluster';
import gcpKmsKeyRotation from './gcp-kms-key-rotation';
import gcpStorageBucketCmek from './gcp-storage-bucket-cmek';
import gcpStorageBucketVersioning from './gcp-storage-bucket-versioning';
import gcpStoragePublicAccessPrevention from './gcp-storage-public-access-prevention';
import gcpStorageUniformBucketLevelAccess from './gcp-storage-uniform-bucket-level-access';

/** Registry of Terraform rules; the catalog test checks it against the files of this folder. */
export const terraformRules: readonly TerraformRule[] = [
  awsApigwCacheEncrypted,
  awsApigwDomainTls12,
  awsApigwStageAccessLogging,
  awsBackupPlanRetention,
  awsBackupSelectionCoversPhiDatastores,
  awsBackupVaultKmsCmk,
  awsCloudtrailCloudwatchIntegration,
  awsCloudtrailKmsEncryption,
  awsCloudtrailLogFileValidation,
  awsCloudtrailMultiRegionLogging,
  awsCloudtrailS3DataEvents,
  awsCloudwatchAlarmConsoleAuthFailures,
  awsCloudwatchLogGroupKms,
  awsCloudwatchLogGroupRetention,
  awsComputeConfigNoPlaintextSecrets,
  awsDynamodbEncryptionKmsCmk,
  awsDynamodbPitrEnabled,
  awsEbsDefaultEncryptionEnabled,
  awsEbsVolumesEncrypted,
  awsEc2NoPublicIp,
  awsEfsEncrypted,
  awsEksControlPlaneLogging,
  awsEksEndpointNotPublic,
  awsEksSecretsEncryption,
  awsElasticacheEncryptionAtRest,
  awsElasticacheEncryptionInTransit,
  awsElasticacheRedisBackup,
  awsGuarddutyDetectorEnabled,
  awsIamNoAdminStarPolicy,
  awsIamNoAdministratoraccessAttachment,
  awsIamPasswordPolicyStrong,
  awsKmsKeyPolicyNoWildcardPrincipal,
  awsKmsKeyRotationEnabled,
  awsLbAccessLogging,
  awsLbListenerHttps,
  awsLbListenerTls12Policy,
  awsNoHardcodedCredentialsProvider,
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
  awsS3BucketAccessLogging,
  awsS3BucketEncryptionAtRest,
  awsS3BucketNoPublicAcl,
  awsS3BucketPolicyDenyInsecureTransport,
  awsS3BucketPolicyNoWildcardPrincipal,
  awsS3BucketPublicAccessBlock,
  awsS3BucketVersioningEnabled,
  awsSecretsmanagerRotationEnabled,
  awsSgNoPublicIngressAllPorts,
  awsSgNoPublicIngressDbPorts,
  awsSgNoPublicIngressRdp,
  awsSgNoPublicIngressSsh,
  awsSnsTopicEncrypted,
  awsSqsQueueEncrypted,
  awsVpcFlowLogsEnabled,
  azureAksLocalAccountsDisabled,
  azureAksPrivateApiServer,
  azureAksRbacEnabled,
  azureKeyvaultDiagnosticLogging,
  azureKeyvaultPurgeProtection,
  azureMssqlDatabaseTdeEnabled,
  azureMssqlServerAuditingEnabled,
  azureStorageAccountDefaultDenyNetwork,
  azureStorageAccountHttpsOnly,
  azureStorageAccountInfrastructureEncryption,
  azureStorageAccountMinTls12,
  azureStorageAccountNoPublicBlobAccess,
  gcpCloudsqlBackupsEnabled,
  gcpCloudsqlNoPublicIp,
  gcpCloudsqlRequireSsl,
  gcpFirewallNoPublicSshRdp,
  gcpGkeLoggingEnabled,
  gcpGkePrivateCluster,
  gcpKmsKeyRotation,
  gcpStorageBucketCmek,
  gcpStorageBucketVersioning,
  gcpStoragePublicAccessPrevention,
  gcpStorageUniformBucketLevelAccess,
];
