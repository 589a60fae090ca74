import type { TerraformRule } from '../types';
import awsRdsInstanceStorageEncrypted from './aws-rds-instance-storage-encrypted';

/** Registry of Terraform rules; the catalog test checks it against the files of this folder. */
export const terraformRules: readonly TerraformRule[] = [awsRdsInstanceStorageEncrypted];
