//! How each provider bills what a plan describes (`catalog/cost/billing.yaml`):
//! which catalog prices the cost engine uses for each kind of component,
//! and the billing rules (HA multipliers, included IOPS, free backup share,
//! request units, commitment discounts) it applies. Data, not code: a team
//! can replace the table with `--catalog`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::plan::CloudProvider;

/// The billing-rules file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BillingFile {
    /// Hours in a billing month.
    pub hours_per_month: u32,
    /// Share of `requestsPerMonth` that are writes, where reads and writes are priced apart.
    pub request_write_share: f64,
    /// Rules per provider.
    pub providers: BTreeMap<CloudProvider, ProviderBilling>,
}

impl BillingFile {
    /// The rules for `provider`, if the table has them.
    pub fn provider(&self, provider: CloudProvider) -> Option<&ProviderBilling> {
        self.providers.get(&provider)
    }
}

/// A service and SKU naming one catalog price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SkuRef {
    /// Service, as in the price entry.
    pub service: String,
    /// SKU, as in the price entry.
    pub sku: String,
}

/// One provider's billing rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProviderBilling {
    /// Region used when the plan names none for this provider.
    pub default_region: String,
    /// Service whose prices VMs and Kubernetes nodes use.
    pub virtual_machines: String,
    /// Control-plane price per Kubernetes tier (`free`, `standard`, `premium`).
    pub kubernetes: BTreeMap<String, ControlPlane>,
    /// Disk products per provider-neutral disk class.
    pub disks: BTreeMap<String, DiskProduct>,
    /// Object-storage prices.
    pub object_storage: ObjectStorage,
    /// Service whose tiered `gb` prices bill internet egress.
    pub egress: String,
    /// NAT gateway hourly price.
    pub nat_gateway: SkuRef,
    /// Site-to-site VPN gateway price, when one is sourced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpn_gateway: Option<VpnProduct>,
    /// Load-balancer prices by kind (`application`, `network`).
    pub load_balancers: BTreeMap<String, LoadBalancerProduct>,
    /// Database services by catalog technology id.
    pub databases: BTreeMap<String, DatabaseProduct>,
    /// Technologies this provider does not run, and what to price instead.
    #[serde(default)]
    pub alternatives: BTreeMap<String, Alternative>,
    /// Commitment (reserved / committed-use) discounts.
    pub commitments: Commitments,
    /// Automatic discount for VMs that run most of the month (GCP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sustained_use: Option<SustainedUse>,
    /// Functions as a service (Lambda, Azure Functions, Cloud Run functions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serverless: Option<ServerlessProduct>,
    /// Content delivery (CloudFront, Front Door, Cloud CDN).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cdn: Option<CdnProduct>,
    /// Managed messaging by plan technology (`sqs`, `event_hubs`, `pubsub`);
    /// other technologies go through `alternatives`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub messaging: BTreeMap<String, MessagingProduct>,
}

/// How a provider bills a messaging service: requests per message (per
/// payload chunk), capacity units per hour, or data volume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MessagingProduct {
    /// The product, for reports (`Amazon SQS (standard queues)`).
    pub name: String,
    /// Price per million (or thousand) requests or events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<SkuRef>,
    /// Requests each message makes (SQS: send, receive, delete).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub requests_per_message: f64,
    /// Payload size one request covers, KB: a larger message counts one
    /// request per chunk.
    #[serde(default, rename = "chunkKB", skip_serializing_if = "Option::is_none")]
    pub chunk_kb: Option<f64>,
    /// Capacity unit billed per hour (Event Hubs throughput unit, Service
    /// Bus base charge or messaging unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly: Option<SkuRef>,
    /// Peak messages per second one hourly unit carries; without it one
    /// unit is billed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages_per_second_per_unit: Option<f64>,
    /// Price per TiB of data published and delivered (Pub/Sub).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<SkuRef>,
    /// Smallest billed size of a message, KB.
    #[serde(
        default,
        rename = "minimumBilledKB",
        skip_serializing_if = "Option::is_none"
    )]
    pub minimum_billed_kb: Option<f64>,
    /// Times each message's bytes are billed (publish plus one delivery).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub billed_transfers: f64,
    /// Where the billing model comes from.
    pub source: String,
}

const fn one() -> f64 {
    1.0
}

#[allow(clippy::trivially_copy_pass_by_ref, clippy::float_cmp)]
fn is_one(value: &f64) -> bool {
    *value == 1.0
}

/// How a provider bills functions: per request, per GB-second of configured
/// memory, and (Cloud Run) per vCPU-second of the CPU that memory size gets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServerlessProduct {
    /// The product, for reports (`AWS Lambda`).
    pub name: String,
    /// Price per million invocations.
    pub requests: SkuRef,
    /// Price per million GB- (or GiB-) seconds of configured memory.
    pub memory: SkuRef,
    /// CPU billed apart from memory, where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<ServerlessCpu>,
    /// Where the billing model comes from.
    pub source: String,
}

/// CPU billed per vCPU-second, at the vCPUs a memory size is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServerlessCpu {
    /// Price per million vCPU-seconds.
    pub sku: SkuRef,
    /// vCPUs by memory size, ascending: the first step whose `memoryMB` is at
    /// least the function's memory applies.
    pub by_memory: Vec<CpuStep>,
    /// Where the steps come from.
    pub source: String,
}

/// The vCPUs a function of up to `memoryMB` gets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CpuStep {
    /// Memory up to and including this size, MB.
    #[serde(rename = "memoryMB")]
    pub memory_mb: u32,
    /// vCPUs allocated.
    pub vcpu: f64,
}

/// How a provider bills a CDN: data delivered through volume tiers, HTTP
/// requests, and a monthly base fee where there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CdnProduct {
    /// The product, for reports (`Amazon CloudFront`).
    pub name: String,
    /// Service whose `gb` prices (volume tiers by `tierFromGb`) bill delivery.
    pub egress: String,
    /// Price per thousand (or million) requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<SkuRef>,
    /// Monthly base fee per profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<SkuRef>,
    /// Where the billing model comes from.
    pub source: String,
}

/// A Kubernetes control-plane tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlPlane {
    /// The hourly price.
    pub sku: SkuRef,
    /// What the report should say about this mapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A disk product: one per-GB price (`sku`), or disks billed per size tier
/// (`storageClass`: the smallest tier at least as large as the disk).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DiskProduct {
    /// Service of the disk prices.
    pub service: String,
    /// SKU billed per GB-month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// `storageClass` attribute of per-tier disk prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_class: Option<String>,
    /// Sizes the provider bills per-tier disks at, GiB ascending: a disk is
    /// billed as the smallest size that holds it.
    #[serde(
        default,
        rename = "tierSizesGiB",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tier_sizes_gib: Vec<u32>,
    /// Provisioned IOPS above what the disk includes (block volumes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<IopsRule>,
}

/// Object-storage prices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectStorage {
    /// Hot tier, per GB-month.
    pub hot: SkuRef,
    /// Cool / infrequent-access tier.
    pub cool: SkuRef,
    /// Archive tier.
    pub archive: SkuRef,
    /// Read requests.
    pub read_requests: SkuRef,
    /// Write requests.
    pub write_requests: SkuRef,
}

/// Load-balancer prices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoadBalancerProduct {
    /// Per load balancer-hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly: Option<SkuRef>,
    /// Per capacity unit-hour; one unit is taken as 1 GB processed an hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_unit: Option<SkuRef>,
    /// Per rule-hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<SkuRef>,
    /// Per GB processed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_processed: Option<SkuRef>,
    /// Web application firewall prices, when the balancer has `waf: true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waf: Option<WafProduct>,
}

/// A site-to-site VPN gateway: `units` of an hourly price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VpnProduct {
    /// Per unit-hour.
    pub hourly: SkuRef,
    /// Units one gateway bills (GCP HA VPN: two tunnels).
    #[serde(default = "one_unit")]
    pub units: u32,
    /// What one gateway is taken to be, with its source; shown in reports.
    pub note: String,
}

const fn one_unit() -> u32 {
    1
}

/// How a web application firewall is billed: either its own gateway prices
/// in place of the balancer's (Azure WAF_v2), or fees on top (AWS WAF).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WafProduct {
    /// Per gateway-hour, replacing the balancer's hourly price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly: Option<SkuRef>,
    /// Per capacity unit-hour, replacing the balancer's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_unit: Option<SkuRef>,
    /// Per web ACL (policy) per month, one per balancer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_month: Option<SkuRef>,
    /// Per rule per month, one per balancer rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_month: Option<SkuRef>,
    /// Per million requests inspected; the plan states no request count,
    /// so reports name this charge as not priced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<SkuRef>,
}

/// How a database service is priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum DatabaseModel {
    /// An instance SKU per hour (RDS, Flexible Server, DocumentDB, OpenSearch).
    Instance,
    /// vCPU-hours plus memory GB-hours (Cloud SQL).
    VcpuMemory,
    /// Cache nodes per hour: a primary plus replicas (ElastiCache).
    CacheNodes,
    /// A cache tier whose price covers its nodes (Azure Cache for Redis).
    CacheTier,
    /// GB-hours of capacity by size band (Memorystore).
    CapacityBands,
    /// Request units per million plus stored GB (DynamoDB on-demand, Cosmos DB serverless).
    RequestUnits,
}

/// A database service and its billing rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DatabaseProduct {
    /// Pricing model.
    pub model: DatabaseModel,
    /// Service of the instance prices.
    pub service: String,
    /// Prefixes the provider's API puts before SKU names (`GP_Standard_D4ds_v5`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sku_prefixes: Vec<String>,
    /// Storage per GB-month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<SkuRef>,
    /// Commitment rate its instances take (default `database`).
    #[serde(
        default = "database_commitment",
        skip_serializing_if = "is_database_commitment"
    )]
    pub commitment: Commitment,
    /// Storage is one pool for the whole cluster, billed once for the data
    /// whatever the node count (Redshift RA3 managed storage), not a volume per node.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pooled_storage: bool,
    /// Provisioned IOPS above what the storage includes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<IopsRule>,
    /// Storage billed differently for some disk classes (RDS `io_optimized`
    /// is io1: every IOPS provisioned and billed), by plan disk class.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub storage_classes: BTreeMap<String, StorageClassRule>,
    /// Backup storage beyond the free share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup: Option<BackupRule>,
    /// How high availability is billed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_availability: Option<HaRule>,
    /// vCPU-hour price (`vcpuMemory`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vcpu: Option<SkuRef>,
    /// Memory GB-hour price (`vcpuMemory`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<SkuRef>,
    /// Capacity bands (`capacityBands`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<CapacityBand>,
    /// Where the bands come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band_source: Option<String>,
    /// Read request units (`requestUnits`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reads: Option<SkuRef>,
    /// Write request units (`requestUnits`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub writes: Option<SkuRef>,
    /// Request units one read costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units_per_read: Option<u32>,
    /// Request units one write costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units_per_write: Option<u32>,
    /// Where the request-unit figures come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units_source: Option<String>,
    /// A cheaper service running the same SKUs (ElastiCache Valkey).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cheaper_alternative: Option<CheaperService>,
    /// Editions priced apart (`standard`, `enterprise`…) and the price
    /// entries' `engine` for each; without the plan's `deployment.edition`
    /// the first listed is used, with a note.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<Edition>,
    /// What the report should say about this mapping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Provisioned IOPS billing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IopsRule {
    /// Price per provisioned IOPS-month.
    pub sku: SkuRef,
    /// IOPS the storage includes.
    pub included_iops: u32,
    /// Larger volumes include more: from this size (GB) ...
    #[serde(
        default,
        rename = "largeVolumeFromGB",
        skip_serializing_if = "Option::is_none"
    )]
    pub large_volume_from_gb: Option<u32>,
    /// ... this many IOPS are included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub large_volume_included_iops: Option<u32>,
}

/// How one disk class of a database service is billed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StorageClassRule {
    /// The provider's name for it (`io1`).
    pub name: String,
    /// Storage per GB-month.
    pub storage: SkuRef,
    /// Provisioned IOPS (`includedIops: 0` when every IOPS is billed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<IopsRule>,
    /// Smallest volume the service provisions, GB.
    #[serde(default, rename = "minimumGB", skip_serializing_if = "Option::is_none")]
    pub minimum_gb: Option<u32>,
    /// Fewest IOPS the service provisions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_iops: Option<u32>,
    /// Where the rules come from.
    pub source: String,
}

/// Backup-storage billing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BackupRule {
    /// Price per GB-month.
    pub sku: SkuRef,
    /// Backup storage free as a share of provisioned storage (1.0 = 100%).
    pub free_share_of_storage: f64,
}

/// High-availability billing: a multiplier on instance and storage, or
/// separate HA prices (`vcpu`, `memory`, `storage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HaRule {
    /// Instance and storage are billed this many times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<u32>,
    /// HA vCPU-hour price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vcpu: Option<SkuRef>,
    /// HA memory GB-hour price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<SkuRef>,
    /// HA storage GB-month price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<SkuRef>,
    /// HA add-on per vCore-hour of the instance (Azure SQL zone redundancy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_on_per_vcore: Option<SkuRef>,
    /// The rule is an assumption, not a confirmed price: lowers confidence.
    #[serde(default)]
    pub low_confidence: bool,
    /// Where the rule comes from.
    pub source: String,
}

/// A Memorystore-style capacity band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapacityBand {
    /// Largest capacity in the band, GB.
    pub up_to_gb: u32,
    /// SKU without replication.
    pub basic: String,
    /// SKU with a replica (HA).
    pub standard: String,
}

/// A cheaper service for the same SKUs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheaperService {
    /// Service of the cheaper prices.
    pub service: String,
    /// Name for the optimisation.
    pub name: String,
    /// What changes.
    pub tradeoffs: Vec<String>,
}

/// One edition of a database engine priced apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Edition {
    /// The plan's edition (`standard`, `enterprise`, `web`, `express`).
    pub edition: String,
    /// The `engine` attribute of its prices (`sqlserver-ee`).
    pub engine: String,
}

/// What to price when a provider does not run a technology.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Alternative {
    /// Catalog technology id to price instead.
    pub technology: String,
    /// Why this one.
    pub reason: String,
}

/// Commitment discounts, each for its own kind of service: a rate sourced
/// for one service is never applied to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Commitments {
    /// VMs and Kubernetes nodes.
    pub compute: CommitmentDiscount,
    /// Database instances.
    pub database: CommitmentDiscount,
    /// Cache nodes; none known means no commitment is offered or sourced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<CommitmentDiscount>,
    /// Search instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<CommitmentDiscount>,
    /// Data-warehouse nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warehouse: Option<CommitmentDiscount>,
}

impl Commitments {
    /// The discount for lines of `kind`, when one is sourced.
    pub fn for_kind(&self, kind: Commitment) -> Option<&CommitmentDiscount> {
        match kind {
            Commitment::Compute => Some(&self.compute),
            Commitment::Database => Some(&self.database),
            Commitment::Cache => self.cache.as_ref(),
            Commitment::Search => self.search.as_ref(),
            Commitment::Warehouse => self.warehouse.as_ref(),
        }
    }
}

/// An automatic discount for running a VM most of the month (GCP sustained
/// use): each quarter of the month is billed at a lower share of list price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SustainedUse {
    /// Schedules by machine family.
    pub schedules: Vec<SustainedUseSchedule>,
    /// Where the rules come from.
    pub source: String,
}

/// The share of list price billed in each quarter of the month, for some families.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SustainedUseSchedule {
    /// Machine families, as the type name starts (`n2` for `n2-standard-4`).
    pub families: Vec<String>,
    /// Share of list price for the first, second, third and fourth quarter of the month.
    pub quarter_rates: [f64; 4],
}

impl SustainedUse {
    /// The share of list price billed for a VM of `machine_type` running
    /// `fraction` of the month (0–1); `None` when its family gets no discount.
    pub fn billed_share(&self, machine_type: &str, fraction: f64) -> Option<f64> {
        let family = machine_type.split('-').next()?;
        let schedule = self
            .schedules
            .iter()
            .find(|s| s.families.iter().any(|f| f == family))?;
        let fraction = fraction.clamp(0.0, 1.0);
        if fraction <= 0.0 {
            return None;
        }
        let billed: f64 = schedule
            .quarter_rates
            .iter()
            .zip([0.0, 0.25, 0.5, 0.75])
            .map(|(rate, start)| (fraction - start).clamp(0.0, 0.25) * rate)
            .sum();
        Some(billed / fraction)
    }
}

/// A 1- and 3-year discount as a share of on-demand (0.373 = 37.3%).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CommitmentDiscount {
    /// One-year term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_year: Option<f64>,
    /// Three-year term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub three_year: Option<f64>,
    /// Where the figures come from.
    pub source: String,
}

const fn database_commitment() -> Commitment {
    Commitment::Database
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_database_commitment(kind: &Commitment) -> bool {
    *kind == Commitment::Database
}

/// Which commitment discount a line can take; each has its own rate in
/// the billing rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Commitment {
    /// Reserved instances / committed use for VMs and nodes.
    Compute,
    /// Reserved database instances (RDS, flexible servers, Cloud SQL).
    Database,
    /// Reserved cache nodes (ElastiCache, Azure Cache, Memorystore).
    Cache,
    /// Reserved search instances (OpenSearch Service).
    Search,
    /// Reserved data-warehouse nodes (Redshift).
    Warehouse,
}
