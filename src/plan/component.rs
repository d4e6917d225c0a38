//! Infrastructure components and their per-type sections (compute,
//! Kubernetes, storage, messaging, load balancer, CDN, serverless, network).
//! The database section lives in [`super::database`].

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::CloudProvider;
use super::database::DatabaseConfig;
use super::quantity::{CpuQuantity, Duration, Id, MemoryQuantity};

/// One infrastructure component (the specification's `infrastructure_components`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Component {
    /// Unique id, referenced by modules, migrations and scaling patterns.
    pub id: Id,
    /// Human-readable name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What this component is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Kind of component; decides which section (`database`, `kubernetes`, …) it carries.
    #[serde(rename = "type")]
    pub kind: ComponentType,
    /// Provider for this component when it differs from the plan's primary one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<CloudProvider>,
    /// Region for this component when it differs from the provider's primary region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Lifecycle status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ComponentStatus>,
    /// Free-form tags (key to value), added to generated resources.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// Database section, for `type: database`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<DatabaseConfig>,
    /// Kubernetes section, for `type: container_cluster`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubernetes: Option<KubernetesConfig>,
    /// Virtual-machine section, for `type: compute`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compute: Option<ComputeConfig>,
    /// Storage section, for `type: object_storage` and `type: block_storage`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<StorageConfig>,
    /// Messaging section, for `type: messaging`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging: Option<MessagingConfig>,
    /// Load-balancer section, for `type: load_balancer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer: Option<LoadBalancerConfig>,
    /// CDN section, for `type: cdn`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cdn: Option<CdnConfig>,
    /// Serverless-function section, for `type: serverless`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serverless: Option<ServerlessConfig>,
    /// Network section, for `type: network`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<NetworkConfig>,
    /// Per-environment differences: for an environment name, any part of
    /// this component merged over it in that environment only.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "overrides_schema")]
    pub overrides: BTreeMap<String, serde_json::Value>,
}

/// `overrides`: environment name → a mapping shaped like part of the component.
fn overrides_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "description": "Per-environment differences: for an environment name, any part of this component merged over it in that environment only (mappings key by key, anything else replaced), e.g. `staging: { database: { highAvailability: { enabled: false } } }`.",
        "additionalProperties": {
            "type": "object",
            "description": "Keys of the component (not `id`, `type` or `overrides`) with the values that differ in this environment."
        }
    })
}

/// Merges `over` into `base`: mappings key by key, anything else replaced.
pub fn merge_json(base: &mut serde_json::Value, over: &serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(base), serde_json::Value::Object(over)) => {
            for (key, value) in over {
                match base.get_mut(key) {
                    Some(slot) => merge_json(slot, value),
                    None => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (slot, value) => *slot = value.clone(),
    }
}

/// Kind of infrastructure component.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ComponentType {
    /// Virtual machines.
    Compute,
    /// A managed Kubernetes cluster.
    ContainerCluster,
    /// A database.
    Database,
    /// Object (blob) storage.
    ObjectStorage,
    /// Block volumes.
    BlockStorage,
    /// Queues, topics or event streams.
    Messaging,
    /// A layer-4 or layer-7 load balancer.
    LoadBalancer,
    /// A content-delivery network.
    Cdn,
    /// Functions as a service.
    Serverless,
    /// Virtual network, subnets, NAT and VPN.
    Network,
}

impl ComponentType {
    /// The plan key of the section this type carries.
    pub const fn section(self) -> &'static str {
        match self {
            Self::Compute => "compute",
            Self::ContainerCluster => "kubernetes",
            Self::Database => "database",
            Self::ObjectStorage | Self::BlockStorage => "storage",
            Self::Messaging => "messaging",
            Self::LoadBalancer => "loadBalancer",
            Self::Cdn => "cdn",
            Self::Serverless => "serverless",
            Self::Network => "network",
        }
    }

    /// The snake_case name used in plan files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Compute => "compute",
            Self::ContainerCluster => "container_cluster",
            Self::Database => "database",
            Self::ObjectStorage => "object_storage",
            Self::BlockStorage => "block_storage",
            Self::Messaging => "messaging",
            Self::LoadBalancer => "load_balancer",
            Self::Cdn => "cdn",
            Self::Serverless => "serverless",
            Self::Network => "network",
        }
    }
}

impl Component {
    /// The section keys this component actually carries, in plan spelling.
    pub fn present_sections(&self) -> Vec<&'static str> {
        [
            ("database", self.database.is_some()),
            ("kubernetes", self.kubernetes.is_some()),
            ("compute", self.compute.is_some()),
            ("storage", self.storage.is_some()),
            ("messaging", self.messaging.is_some()),
            ("loadBalancer", self.load_balancer.is_some()),
            ("cdn", self.cdn.is_some()),
            ("serverless", self.serverless.is_some()),
            ("network", self.network.is_some()),
        ]
        .into_iter()
        .filter_map(|(key, present)| present.then_some(key))
        .collect()
    }

    /// The display name: `name`, or the id when there is none.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(self.id.as_str())
    }

    /// This component as it runs in `environment`: its `overrides` for that
    /// environment merged over it. Validation checks every merge against
    /// the schema; an unchecked one that does not fit leaves the component
    /// as it is.
    pub fn in_environment(&self, environment: &str) -> std::borrow::Cow<'_, Self> {
        let Some(over) = self.overrides.get(environment) else {
            return std::borrow::Cow::Borrowed(self);
        };
        let Ok(mut value) = serde_json::to_value(self) else {
            return std::borrow::Cow::Borrowed(self);
        };
        if let serde_json::Value::Object(map) = &mut value {
            map.remove("overrides");
        }
        merge_json(&mut value, over);
        serde_json::from_value::<Self>(value)
            .map_or(std::borrow::Cow::Borrowed(self), std::borrow::Cow::Owned)
    }
}

/// Lifecycle status of a component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComponentStatus {
    /// Designed, not built (the default).
    Planned,
    /// Being built.
    Provisioning,
    /// Running.
    Active,
    /// Still running, to be removed.
    Deprecated,
    /// Removed.
    Retired,
}

/// Provider-neutral disk class, mapped to each provider's disk products by the cost engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DiskClass {
    /// Magnetic or lowest-cost disk (e.g. AWS st1/sc1, Azure Standard HDD, GCP pd-standard).
    Standard,
    /// General-purpose SSD (AWS gp3, Azure Standard SSD, GCP pd-balanced): the default.
    #[default]
    Ssd,
    /// Premium SSD (AWS io2, Azure Premium SSD, GCP pd-ssd).
    PremiumSsd,
    /// Provisioned-IOPS storage (AWS io2 Block Express, Azure Ultra/Premium v2, GCP Hyperdisk).
    IoOptimized,
}

impl DiskClass {
    /// The plan spelling: `standard`, `ssd`, `premium_ssd`, `io_optimized`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Ssd => "ssd",
            Self::PremiumSsd => "premium_ssd",
            Self::IoOptimized => "io_optimized",
        }
    }
}

/// Operating system of a VM or node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OperatingSystem {
    /// Linux (the default).
    #[default]
    Linux,
    /// Windows Server (the cost engines price Linux rates and list the licence as unpriced).
    Windows,
}

/// Virtual machines: either a provider instance type, or vCPU and memory for the cheapest fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComputeConfig {
    /// Provider instance type as its API spells it (`m7i.large`, `Standard_D2s_v5`, `n2-standard-4`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    /// vCPUs per instance, when no instance type is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub vcpus: Option<u32>,
    /// Memory per instance in GB, when no instance type is given.
    #[serde(default, rename = "memoryGB", skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.5))]
    pub memory_gb: Option<f64>,
    /// Number of instances in production.
    #[schemars(range(min = 1))]
    pub count: u32,
    /// Operating system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<OperatingSystem>,
    /// OS disk size in GB.
    #[serde(default, rename = "diskGB", skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub disk_gb: Option<u32>,
    /// OS disk class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk_type: Option<DiskClass>,
    /// Run on spot / preemptible capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spot: Option<bool>,
}

/// Kubernetes control-plane tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KubernetesTier {
    /// No control-plane fee and no uptime SLA (AKS Free).
    Free,
    /// Paid control plane with an uptime SLA (AKS Standard, EKS, GKE Standard).
    Standard,
    /// Long-term support or enterprise tier (AKS Premium, EKS extended support).
    Premium,
}

/// A managed Kubernetes cluster (the specification's `kubernetes_configs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KubernetesConfig {
    /// Control-plane tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<KubernetesTier>,
    /// Kubernetes minor version, e.g. `1.31`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Node pools.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub node_pools: Vec<NodePool>,
    /// Workloads the cluster runs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workloads: Vec<Workload>,
    /// Namespaces to create.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub namespaces: Vec<String>,
    /// DaemonSets and add-ons that run one pod on every node (logging,
    /// monitoring, CSI, network agents); `k8s size` takes their requests
    /// from every node. When absent, the catalog's default for the provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daemon_sets: Option<Vec<DaemonSet>>,
    /// Extra nodes per pool for rolling upgrades (max surge); default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade_surge_nodes: Option<u32>,
}

/// A pod that runs on every node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DaemonSet {
    /// Name, e.g. `fluent-bit`.
    pub name: String,
    /// CPU request per node (`100m`).
    pub cpu: CpuQuantity,
    /// Memory request per node (`200Mi`).
    pub memory: MemoryQuantity,
}

/// A pool of identical nodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodePool {
    /// Pool name, unique in the cluster.
    pub name: Id,
    /// Provider instance type; or give `vcpus` and `memoryGB`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_type: Option<String>,
    /// vCPUs per node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub vcpus: Option<u32>,
    /// Memory per node in GB.
    #[serde(default, rename = "memoryGB", skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.5))]
    pub memory_gb: Option<f64>,
    /// Nodes in production.
    #[schemars(range(min = 1))]
    pub count: u32,
    /// Lower bound when the cluster autoscaler is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_count: Option<u32>,
    /// Upper bound when the cluster autoscaler is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_count: Option<u32>,
    /// OS disk size per node in GB.
    #[serde(default, rename = "osDiskGB", skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub os_disk_gb: Option<u32>,
    /// OS disk class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os_disk_type: Option<DiskClass>,
    /// Spot / preemptible nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spot: Option<bool>,
    /// Operating system of the nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<OperatingSystem>,
    /// Most pods a node of this pool runs; default per provider (see
    /// `docs/k8s.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 10, max = 250))]
    pub max_pods: Option<u32>,
    /// Availability zones the pool spreads over; node counts round up to a
    /// multiple of it. Default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 3))]
    pub zones: Option<u32>,
}

/// A Kubernetes workload (Deployment or StatefulSet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Workload {
    /// Workload name.
    pub name: Id,
    /// Namespace it runs in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Replicas in production.
    #[schemars(range(min = 1))]
    pub replicas: u32,
    /// CPU request per replica (`500m`, `2`).
    pub cpu: CpuQuantity,
    /// Memory request per replica (`512Mi`, `2Gi`).
    pub memory: MemoryQuantity,
    /// CPU limit per replica.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_limit: Option<CpuQuantity>,
    /// Memory limit per replica.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_limit: Option<MemoryQuantity>,
    /// Horizontal Pod Autoscaler bounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autoscaling: Option<WorkloadAutoscaling>,
    /// Node pool the workload is pinned to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_pool: Option<Id>,
    /// Container image (`registry/name:tag`); `k8s manifests` needs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Port the container serves on; `k8s manifests` adds a Service for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 65535))]
    pub port: Option<u16>,
}

/// Horizontal Pod Autoscaler settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkloadAutoscaling {
    /// Fewest replicas.
    #[schemars(range(min = 1))]
    pub min_replicas: u32,
    /// Most replicas.
    #[schemars(range(min = 1))]
    pub max_replicas: u32,
    /// Target average CPU utilisation, percent.
    #[serde(
        default,
        rename = "targetCPUUtilizationPercentage",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 1, max = 100))]
    pub target_cpu_utilization_percentage: Option<u32>,
}

/// Object-storage access tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StorageTier {
    /// Frequently read data.
    Hot,
    /// Infrequently read data (S3 Standard-IA, Azure Cool, GCS Nearline).
    Cool,
    /// Rarely read archives (S3 Glacier, Azure Archive, GCS Archive).
    Archive,
}

/// Data redundancy of a storage account or bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Redundancy {
    /// Copies within one zone.
    Local,
    /// Copies across zones in one region.
    Zone,
    /// Copies in a second region.
    Geo,
}

/// Object or block storage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StorageConfig {
    /// Stored data in GB.
    #[serde(rename = "sizeGB")]
    #[schemars(range(min = 0.0))]
    pub size_gb: f64,
    /// Access tier (object storage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<StorageTier>,
    /// Disk class (block storage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk_type: Option<DiskClass>,
    /// Provisioned IOPS (block storage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<u32>,
    /// Redundancy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redundancy: Option<Redundancy>,
    /// Data sent to the internet per month, GB.
    #[serde(
        default,
        rename = "egressGBPerMonth",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 0.0))]
    pub egress_gb_per_month: Option<f64>,
    /// Requests per month (reads and writes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests_per_month: Option<u64>,
}

/// Messaging technology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MessagingTechnology {
    /// Apache Kafka (self-run or managed: MSK, Event Hubs Kafka, Confluent).
    Kafka,
    /// RabbitMQ (self-run or Amazon MQ).
    Rabbitmq,
    /// Amazon SQS.
    Sqs,
    /// Amazon SNS.
    Sns,
    /// Azure Service Bus.
    ServiceBus,
    /// Azure Event Hubs.
    EventHubs,
    /// Google Cloud Pub/Sub.
    Pubsub,
    /// NATS.
    Nats,
}

/// Queues, topics or streams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MessagingConfig {
    /// Broker technology.
    pub technology: MessagingTechnology,
    /// Provider tier or SKU (`Standard`, `Premium`, `kafka.m5.large`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// Peak messages per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub throughput_per_second: Option<f64>,
    /// Messages per month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages_per_month: Option<u64>,
    /// Average message size, KB (default 1).
    #[serde(
        default,
        rename = "messageSizeKB",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 0.0))]
    pub message_size_kb: Option<f64>,
    /// How long messages are kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<Duration>,
    /// Partitions (Kafka, Event Hubs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub partitions: Option<u32>,
}

/// Load-balancer layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LoadBalancerKind {
    /// Layer 7 (HTTP): ALB, Application Gateway, HTTPS load balancer.
    Application,
    /// Layer 4 (TCP/UDP): NLB, Azure Load Balancer, network load balancer.
    Network,
}

/// A load balancer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LoadBalancerConfig {
    /// Layer 7 or layer 4.
    pub kind: LoadBalancerKind,
    /// Forwarding rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub rules: Option<u32>,
    /// Data processed per month, GB.
    #[serde(
        default,
        rename = "dataProcessedGBPerMonth",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 0.0))]
    pub data_processed_gb_per_month: Option<f64>,
    /// Web application firewall enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waf: Option<bool>,
}

/// A content-delivery network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CdnConfig {
    /// Data delivered per month, GB.
    #[serde(rename = "egressGBPerMonth")]
    #[schemars(range(min = 0.0))]
    pub egress_gb_per_month: f64,
    /// HTTP requests per month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests_per_month: Option<u64>,
    /// Origin component id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Id>,
}

/// Functions as a service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServerlessConfig {
    /// Language runtime, e.g. `nodejs20`, `python3.12`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime: Option<String>,
    /// Memory per invocation, MB.
    #[serde(rename = "memoryMB")]
    #[schemars(range(min = 128, max = 32768))]
    pub memory_mb: u32,
    /// Invocations per month.
    pub invocations_per_month: u64,
    /// Average duration of one invocation, milliseconds.
    #[schemars(range(min = 1))]
    pub avg_duration_ms: u32,
}

/// A virtual network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NetworkConfig {
    /// Address space, e.g. `10.0.0.0/16`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    /// Subnets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Subnet>,
    /// NAT gateways.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nat_gateways: Option<u32>,
    /// Internet egress per month, GB.
    #[serde(
        default,
        rename = "egressGBPerMonth",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 0.0))]
    pub egress_gb_per_month: Option<f64>,
    /// Site-to-site VPN gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpn: Option<bool>,
}

/// A subnet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Subnet {
    /// Subnet name.
    pub name: Id,
    /// Address range.
    pub cidr: String,
    /// Whether the subnet routes to the internet directly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<bool>,
}
