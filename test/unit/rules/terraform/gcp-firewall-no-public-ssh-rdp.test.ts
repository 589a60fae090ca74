import rule from '../../../../server/src/rules/terraform/gcp-firewall-no-public-ssh-rdp';
import { runRuleCases } from '../../../harness/rule-cases';

const firewall = (body: string): string => `resource "google_compute_firewall" "admin" {\n  name    = "allow-admin"\n  network = google_compute_network.phi.name\n${body}}\n`;
const allow = (protocol: string, ports?: string): string => `\n  allow {\n    protocol = ${protocol}\n${ports === undefined ? '' : `    ports    = ${ports}\n`}  }\n`;

const dynamicAllow = (forEach: string): string => `\n  dynamic "allow" {\n    for_each = ${forEach}\n    content {\n      protocol = "tcp"\n      ports    = ["22"]\n    }\n  }\n`;

runRuleCases(rule, {
  valid: [
    { name: 'dynamic SSH allow whose for_each is empty opens nothing', code: 'variable "ssh" {\n  default = false\n}\n' + firewall('  source_ranges = ["0.0.0.0/0"]\n' + dynamicAllow('var.ssh ? [1] : []') + allow('"tcp"', '["443"]')) },
    { name: 'dynamic SSH allow whose for_each cannot be resolved is not guessed', code: 'variable "ssh" {}\n' + firewall('  source_ranges = ["0.0.0.0/0"]\n' + dynamicAllow('var.ssh ? [1] : []')) },
    { name: 'SSH from IAP only', code: firewall('  source_ranges = ["35.235.240.0/20"]\n' + allow('"tcp"', '["22", "3389"]')) },
    { name: 'HTTPS from anywhere', code: firewall('  source_ranges = ["0.0.0.0/0"]\n' + allow('"tcp"', '["443"]')) },
    { name: 'SSH from source tags only', code: firewall('  source_tags = ["bastion"]\n' + allow('"tcp"', '["22"]')) },
    { name: 'egress rule', code: firewall('  direction          = "EGRESS"\n  destination_ranges = ["0.0.0.0/0"]\n' + allow('"tcp"', '["22"]')) },
    { name: 'UDP 3389 from anywhere (RDP sessions need TCP)', code: firewall('  source_ranges = ["0.0.0.0/0"]\n' + allow('"udp"', '["3389"]')) },
    { name: 'disabled rule', code: firewall('  disabled      = true\n  source_ranges = ["0.0.0.0/0"]\n' + allow('"tcp"', '["22"]')) },
    { name: 'admin ranges from terraform.tfvars', files: { 'main.tf': 'variable "admin_ranges" {}\n' + firewall('  source_ranges = var.admin_ranges\n' + allow('"tcp"', '["22"]')), 'terraform.tfvars': 'admin_ranges = ["203.0.113.0/24"]\n' } },
    { name: 'source ranges from a variable without a value are not guessed', code: 'variable "admin_ranges" {}\n' + firewall('  source_ranges = var.admin_ranges\n' + allow('"tcp"', '["22"]')) },
    { name: 'ports from a variable without a value are not guessed', code: 'variable "ports" {}\n' + firewall('  source_ranges = ["0.0.0.0/0"]\n' + allow('"tcp"', 'var.ports')) },
  ],
  invalid: [
    {
      name: 'dynamic SSH allow created by a known for_each',
      code: firewall('  source_ranges = ["0.0.0.0/0"]\n' + dynamicAllow('[1]').replace('["22"]', '[«"22"»]')),
      findings: [{ messageId: 'adminPorts' }],
    },
    {
      name: 'SSH and RDP from 0.0.0.0/0, as separate ports',
      code: firewall('  direction     = "INGRESS"\n  source_ranges = ["0.0.0.0/0"]\n' + allow('"icmp"') + allow('"tcp"', '[«"22"», "80", «"3389"»]')),
      findings: [
        { messageId: 'adminPorts', severity: 'high', relatedCount: 1 },
        { messageId: 'adminPorts', relatedCount: 1 },
      ],
      fix: 'iapOnly',
      output: firewall('  direction     = "INGRESS"\n  source_ranges = ["35.235.240.0/20"]\n' + allow('"icmp"') + allow('"tcp"', '["22", "80", "3389"]')),
    },
    {
      name: 'no source at all (GCP applies 0.0.0.0/0): the review fix adds the IAP range',
      code: firewall(allow('"tcp"', '[«"22"»]')),
      findings: [{ messageId: 'adminPorts' }],
      fix: 'iapOnly',
      output: firewall(allow('"tcp"', '["22"]') + '  source_ranges = ["35.235.240.0/20"]\n'),
    },
    {
      name: 'a public range next to private ones: the private ones stay',
      code: firewall('  source_ranges = ["10.0.0.0/8", "0.0.0.0/0", "::/0"]\n' + allow('"tcp"', '[«"3389"»]')),
      findings: [{ messageId: 'adminPorts' }],
      fix: 'iapOnly',
      output: firewall('  source_ranges = ["10.0.0.0/8", "35.235.240.0/20"]\n' + allow('"tcp"', '["3389"]')),
    },
    {
      name: 'a port range covering both',
      code: firewall('  source_ranges = ["::/0"]\n' + allow('"tcp"', '[«"21-3390"»]')),
      findings: [{ messageId: 'adminPorts' }],
    },
    {
      name: 'all protocols',
      code: firewall('  source_ranges = ["0.0.0.0/0"]\n' + allow('«"all"»')),
      findings: [{ messageId: 'allPorts' }],
    },
    {
      name: 'TCP without ports',
      code: firewall('  source_ranges = ["0.0.0.0/0"]\n' + allow('«"tcp"»')),
      findings: [{ messageId: 'allPorts' }],
    },
    {
      name: 'no source at all: GCP uses 0.0.0.0/0',
      code: firewall(allow('"tcp"', '[«"22"»]')),
      findings: [{ messageId: 'adminPorts' }],
    },
    {
      name: 'empty source_ranges: GCP uses 0.0.0.0/0',
      code: firewall('  source_ranges = []\n' + allow('"tcp"', '[«"3389"»]')),
      findings: [{ messageId: 'adminPorts' }],
    },
    {
      name: '0.0.0.0/0 from a variable default in another file',
      files: { 'main.tf': firewall('  source_ranges = [var.everyone]\n' + allow('"tcp"', '[«"3389"»]')), 'variables.tf': 'variable "everyone" {\n  default = "0.0.0.0/0"\n}\n' },
      findings: [{ messageId: 'adminPorts', relatedCount: 2 }],
    },
    {
      name: 'dynamic allow blocks',
      code: firewall('  source_ranges = ["0.0.0.0/0"]\n\n  dynamic "allow" {\n    for_each = ["tcp"]\n    content {\n      protocol = allow.value\n      ports    = [«22»]\n    }\n  }\n').replace('protocol = allow.value', 'protocol = "tcp"'),
      findings: [{ messageId: 'adminPorts' }],
    },
    {
      name: 'for_each firewall reported once per port',
      code: 'resource "google_compute_firewall" "fw" {\n  for_each      = toset(["a", "b"])\n  name          = each.key\n  network       = "default"\n  source_ranges = ["0.0.0.0/0"]\n\n  allow {\n    protocol = "tcp"\n    ports    = [«"22"»]\n  }\n}\n',
      findings: [{ messageId: 'adminPorts' }],
    },
  ],
});
