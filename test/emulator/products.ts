/**
 * The product catalogue DescribeProducts pages through: deterministic, the same in every region apart
 * from the ARN's region. A few AWS integrations first, then partner products from a fixed list of
 * made-up vendors. Links: some on aws.amazon.com hosts, some on the vendor's own host, some absent.
 */

export interface Product {
  ProductArn: string;
  ProductName: string;
  CompanyName: string;
  Description: string;
  Categories: string[];
  IntegrationTypes: string[];
  MarketplaceUrl?: string;
  ActivationUrl?: string;
  ProductSubscriptionResourcePolicy?: string;
}

const AWS_PRODUCTS: [string, string, string][] = [
  ['guardduty', 'GuardDuty', 'Intelligent threat detection'],
  ['inspector', 'Inspector', 'Vulnerability management'],
  ['macie', 'Macie', 'Sensitive data discovery'],
  ['access-analyzer', 'IAM Access Analyzer', 'Resource access analysis'],
  ['firewall-manager', 'Firewall Manager', 'Central firewall rules'],
  ['config', 'Config', 'Resource configuration tracking'],
  ['health', 'Health', 'Account health events'],
  ['systems-manager-patch-manager', 'Systems Manager Patch Manager', 'Patch compliance'],
];

const VENDORS = [
  'Acme Security',
  'Blue Lantern',
  'Cobalt Shield',
  'Driftwood Labs',
  'Ember Analytics',
  'Fjord Cyber',
  'Granite Watch',
  'Harbor Sentinel',
  'Ironbark',
  'Juniper Ridge',
  'Kestrel Defense',
  'Lumen Guard',
  'Meridian SecOps',
  'Northwind Threat',
  'Orchid Compliance',
  'Pylon Networks',
];

const KINDS = [
  ['Threat Detection', 'Threat detection and response'],
  ['Vulnerability Scanner', 'Continuous vulnerability scanning'],
  ['Compliance Monitor', 'Compliance posture reporting'],
  ['SIEM Connector', 'Forwards findings to a SIEM'],
  ['Ticketing Bridge', 'Creates tickets from findings and syncs their workflow status'],
  ['Container Scanner', 'Container image and runtime scanning'],
  ['Endpoint Protection', 'Endpoint detection and response'],
  ['Cloud Posture', 'Cloud security posture management'],
] as const;

const TYPE_SETS = [
  ['SEND_FINDINGS_TO_SECURITY_HUB'],
  ['RECEIVE_FINDINGS_FROM_SECURITY_HUB'],
  ['RECEIVE_FINDINGS_FROM_SECURITY_HUB', 'UPDATE_FINDINGS_IN_SECURITY_HUB'],
  ['SEND_FINDINGS_TO_SECURITY_HUB', 'RECEIVE_FINDINGS_FROM_SECURITY_HUB'],
  ['UPDATE_FINDINGS_IN_SECURITY_HUB'],
];

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

export function buildProducts(region: string, count: number): Product[] {
  const out: Product[] = [];
  for (let i = 0; i < count; i++) {
    if (i < AWS_PRODUCTS.length) {
      const [id, name, description] = AWS_PRODUCTS[i]!;
      out.push({
        ProductArn: `arn:aws:securityhub:${region}::product/aws/${id}`,
        ProductName: name,
        CompanyName: 'AWS',
        Description: description,
        Categories: ['AWS Service'],
        IntegrationTypes: ['SEND_FINDINGS_TO_SECURITY_HUB'],
        ActivationUrl: `https://console.aws.amazon.com/${id}/home?region=${region}`,
      });
      continue;
    }
    const n = i - AWS_PRODUCTS.length;
    const vendor = VENDORS[n % VENDORS.length]!;
    const [kind, description] = KINDS[Math.floor(n / VENDORS.length) % KINDS.length]!;
    const series = Math.floor(n / (VENDORS.length * KINDS.length));
    const name = series === 0 ? kind : `${kind} ${series + 1}`;
    const product: Product = {
      ProductArn: `arn:aws:securityhub:${region}::product/${slug(vendor)}/${slug(name)}`,
      ProductName: name,
      CompanyName: vendor,
      Description: `${description} by ${vendor}.`,
      Categories: [kind],
      IntegrationTypes: [...TYPE_SETS[n % TYPE_SETS.length]!],
      ProductSubscriptionResourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [] }),
    };
    // Links vary on purpose: AWS Marketplace, the vendor's own site, or none at all.
    const marketplace = [
      `https://aws.amazon.com/marketplace/pp/prodview-${slug(vendor)}${n}`,
      `https://www.${slug(vendor)}.example.com/aws/${slug(name)}`,
    ][n % 3];
    const activation = [
      `https://docs.aws.amazon.com/securityhub/latest/userguide/${slug(vendor)}.html`,
      `https://console.${slug(vendor)}.example.net/activate`,
    ][n % 4];
    if (marketplace) product.MarketplaceUrl = marketplace;
    if (activation) product.ActivationUrl = activation;
    out.push(product);
  }
  return out;
}
