//! Pricing rules for VMs, Kubernetes, disks, object storage, networks and
//! load balancers. Each rule turns a plan section into usage lines against
//! catalog prices, or an unpriced item saying what price is missing.

use super::context::{Priced, PricingContext, gb_to_gib};
use super::pricebook::{sku_arch, sku_shape};
use super::quantity::Quantity;
use super::report::{Bucket, Commitment};
use crate::catalog::pricing::{PriceEntry, PriceUnit};
use crate::plan::component::{
    ComputeConfig, DiskClass, KubernetesConfig, KubernetesTier, LoadBalancerConfig,
    LoadBalancerKind, NetworkConfig, OperatingSystem, StorageConfig, StorageTier,
};

/// What a VM or node group asks for.
pub struct VmRequest<'a> {
    /// Label in metrics (`node pool apps`, `VMs`).
    pub label: &'a str,
    /// Instance type as written in the plan.
    pub instance_type: Option<&'a str>,
    /// vCPUs, when no instance type.
    pub vcpus: Option<u32>,
    /// Memory GB, when no instance type.
    pub memory_gb: Option<f64>,
    /// Count in production.
    pub count: u32,
    /// Operating system.
    pub os: Option<OperatingSystem>,
    /// Spot capacity.
    pub spot: bool,
    /// Disk per instance.
    pub disk_gb: Option<u32>,
    /// Disk class.
    pub disk_class: Option<DiskClass>,
}

/// Prices a `compute` section.
pub fn compute(ctx: &PricingContext<'_>, config: &ComputeConfig, out: &mut Priced) {
    let _ = vms(
        ctx,
        &VmRequest {
            label: "VM",
            instance_type: config.instance_type.as_deref(),
            vcpus: config.vcpus,
            memory_gb: config.memory_gb,
            count: config.count,
            os: config.os,
            spot: config.spot.unwrap_or(false),
            disk_gb: config.disk_gb,
            disk_class: config.disk_type,
        },
        out,
    );
}

/// Prices a `kubernetes` section: control plane, node pools, OS disks.
pub fn kubernetes(ctx: &PricingContext<'_>, config: &KubernetesConfig, out: &mut Priced) {
    let tier = config.tier.unwrap_or(KubernetesTier::Standard);
    let tier_name = match tier {
        KubernetesTier::Free => "free",
        KubernetesTier::Standard => "standard",
        KubernetesTier::Premium => "premium",
    };
    if config.tier.is_none() {
        out.note("No control-plane tier given: priced as standard.");
    }
    match ctx.rules.kubernetes.get(tier_name) {
        Some(plane) => {
            if let Some(note) = &plane.note {
                out.note(note.clone());
            }
            match ctx.book.find(&plane.sku) {
                Ok(price) => {
                    out.tier(&format!("{} {}", price.service, price.sku));
                    out.line(
                        format!("control plane ({tier_name} tier)"),
                        ctx.env.hours_of(1),
                        price,
                        Bucket::Compute,
                        None,
                    );
                }
                Err(reason) => out.unpriced(format!("control plane ({tier_name} tier)"), reason),
            }
        }
        None => out.unpriced(
            format!("control plane ({tier_name} tier)"),
            format!(
                "the billing rules have no {tier_name} tier for {}",
                ctx.book.provider.as_str()
            ),
        ),
    }
    for pool in &config.node_pools {
        let label = format!("node pool {}", pool.name.as_str());
        let node = vms(
            ctx,
            &VmRequest {
                label: &label,
                instance_type: pool.instance_type.as_deref(),
                vcpus: pool.vcpus,
                memory_gb: pool.memory_gb,
                count: pool.count,
                os: pool.os,
                spot: pool.spot.unwrap_or(false),
                disk_gb: pool.os_disk_gb,
                disk_class: pool.os_disk_type,
            },
            out,
        );
        if let Some(node) = node
            && ctx.env.scale >= 1.0
        {
            rightsize_pool(ctx, config, pool, node, out);
        }
    }
}

/// Share of a node's vCPU and memory left for pods after system reservations.
const ALLOCATABLE_SHARE: f64 = 0.8;

/// Fewer nodes when the pool's pinned workloads request much less than it has.
fn rightsize_pool(
    ctx: &PricingContext<'_>,
    config: &KubernetesConfig,
    pool: &crate::plan::component::NodePool,
    node: &PriceEntry,
    out: &mut Priced,
) {
    let (Some(vcpu), Some(memory_gib)) = (node.attributes.vcpu, node.attributes.memory_gib) else {
        return;
    };
    let pinned: Vec<_> = config
        .workloads
        .iter()
        .filter(|w| w.node_pool.as_ref() == Some(&pool.name))
        .collect();
    if pinned.is_empty() {
        return;
    }
    #[allow(clippy::cast_precision_loss)]
    let (cpu, memory) = pinned.iter().fold((0.0, 0.0), |(cpu, memory), w| {
        (
            cpu + f64::from(w.replicas) * w.cpu.millicores() as f64 / 1000.0,
            memory + f64::from(w.replicas) * w.memory.bytes() as f64 / 1_073_741_824.0,
        )
    });
    let by_cpu = cpu / (f64::from(vcpu) * ALLOCATABLE_SHARE);
    let by_memory = memory / (memory_gib * ALLOCATABLE_SHARE);
    // Node counts are small; the ceiling fits in u32.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let needed = (by_cpu.max(by_memory) - 1e-9).ceil().max(1.0) as u32;
    let needed = needed.max(pool.min_count.unwrap_or(1));
    if needed >= pool.count {
        return;
    }
    let spare = pool.count - needed;
    let saving = super::quantity::line_cost(ctx.env.hours_of(spare), node.price);
    out.opportunities.push(super::optimize::Opportunity {
        id: format!("rightsize-{}-{}", ctx.component, pool.name.as_str()),
        name: format!("{}: {} nodes → {needed} in pool {}", ctx.component, pool.count, pool.name.as_str()),
        description: format!(
            "Workloads pinned to pool {} request {cpu:.2} vCPU and {memory:.2} GiB; {needed} × {} ({vcpu} vCPU, {memory_gib} GiB, {:.0}% allocatable) hold them.",
            pool.name.as_str(),
            node.sku,
            ALLOCATABLE_SHARE * 100.0
        ),
        monthly: saving,
        effort: super::report::Level::Low,
        risk: super::report::Level::Medium,
        actions: vec![
            format!("Set the pool's count to {needed} and let the cluster autoscaler add nodes for peaks."),
            "Check requests against observed usage before shrinking.".to_owned(),
        ],
        tradeoffs: vec!["Less headroom for node failures and rolling upgrades.".to_owned()],
    });
}

/// Prices VMs or nodes, and their disks.
pub fn vms<'a>(
    ctx: &PricingContext<'a>,
    request: &VmRequest<'_>,
    out: &mut Priced,
) -> Option<&'a PriceEntry> {
    let count = ctx.env.count(request.count);
    let service = &ctx.rules.virtual_machines;
    let price = pick_vm(ctx, request, out)?;
    out.tier(&price.sku);
    let unit_word = if request.label == "VM" { "VM" } else { "node" };
    out.line(
        format!(
            "{} {} × {count} {unit_word}{}",
            request.label,
            price.sku,
            if count == 1 { "" } else { "s" }
        ),
        ctx.env.hours_of(count),
        price,
        Bucket::Compute,
        // Spot capacity cannot be reserved.
        (!request.spot).then_some(Commitment::Compute),
    );
    if let Some(cheaper) = ctx.book.cheaper_same_shape(service, price) {
        let tradeoffs = if cheaper.attributes.arch.is_some() && price.attributes.arch.is_none() {
            vec!["Arm (Graviton) instances need arm64 images for every workload.".to_owned()]
        } else {
            vec!["Different CPU generation or vendor: re-run performance tests.".to_owned()]
        };
        ctx.offer_cheaper(
            out,
            request.label,
            ctx.env.hours_of(count),
            price,
            cheaper,
            tradeoffs,
        );
    }
    if request.os == Some(OperatingSystem::Windows) {
        out.unpriced(
            format!("{}: Windows Server licence for {count}", request.label),
            format!(
                "{service} prices in the catalog are Linux; the Windows licence is not included"
            ),
        );
    }
    if request.spot {
        out.note(format!(
            "{}: spot capacity priced at on-demand rates (the catalog has no spot prices), an upper bound.",
            request.label
        ));
    }
    if let Some(disk_gb) = request.disk_gb {
        let class = request.disk_class.unwrap_or(DiskClass::Ssd);
        disk(
            ctx,
            &format!("{} disk", request.label),
            f64::from(disk_gb),
            class,
            count,
            out,
        );
    }
    Some(price)
}

/// The VM price for a request: the named type, its translation to this
/// provider, or the cheapest fit for vCPU and memory.
fn pick_vm<'a>(
    ctx: &PricingContext<'a>,
    request: &VmRequest<'_>,
    out: &mut Priced,
) -> Option<&'a PriceEntry> {
    let service = &ctx.rules.virtual_machines;
    let (vcpus, memory_gib) = match request.instance_type {
        Some(sku) => {
            if let Ok(price) = ctx.book.instance(service, sku, &[]) {
                return Some(price);
            }
            let Some((vcpus, memory)) = sku_shape(ctx.catalog, sku, &[]) else {
                out.unpriced(
                    format!("{} {sku}", request.label),
                    ctx.book.missing(service, sku),
                );
                return None;
            };
            (Some(vcpus), Some(memory))
        }
        None => (request.vcpus, request.memory_gb),
    };
    let arch = request
        .instance_type
        .and_then(|sku| sku_arch(ctx.catalog, sku));
    let Some(price) = ctx.book.cheapest_fit_on(service, vcpus, memory_gib, arch) else {
        out.unpriced(
            request.label.to_owned(),
            format!(
                "the catalog has no {service} instance with {} in {}",
                shape_text(vcpus, memory_gib),
                ctx.book.region
            ),
        );
        return None;
    };
    let asked = request.instance_type.map_or_else(
        || shape_text(vcpus, memory_gib),
        |sku| format!("{sku} ({})", shape_text(vcpus, memory_gib)),
    );
    out.note(format!(
        "{}: {asked} → {}, the cheapest {service} type in the catalog with at least that on the same CPU architecture.",
        request.label, price.sku
    ));
    Some(price)
}

/// `4 vCPU, 16 GiB`.
pub fn shape_text(vcpus: Option<u32>, memory_gib: Option<f64>) -> String {
    match (vcpus, memory_gib) {
        (Some(c), Some(m)) => format!("{c} vCPU, {m} GiB"),
        (Some(c), None) => format!("{c} vCPU"),
        (None, Some(m)) => format!("{m} GiB"),
        (None, None) => "no size".to_owned(),
    }
}

/// Prices `count` disks of `size_gb` in `class`.
pub fn disk(
    ctx: &PricingContext<'_>,
    label: &str,
    size_gb: f64,
    class: DiskClass,
    count: u32,
    out: &mut Priced,
) {
    if count == 0 || size_gb <= 0.0 {
        return;
    }
    let class_name = disk_class_name(class);
    let Some(product) = ctx.rules.disks.get(class_name) else {
        out.unpriced(
            format!("{label} ({class_name})"),
            format!(
                "the billing rules map no {} disk to {class_name}",
                ctx.book.provider.as_str()
            ),
        );
        return;
    };
    let result = match (&product.sku, &product.storage_class) {
        (Some(sku), _) => ctx.book.find_in(&product.service, sku).map(|price| {
            let per_disk = per_gb_quantity(price, size_gb);
            let quantity = per_disk.times(i64::from(count));
            (
                price,
                quantity,
                format!("{label} {} {size_gb} GB × {count}", price.sku),
            )
        }),
        (None, Some(storage_class)) => ctx
            .book
            .disk_tier(
                &product.service,
                storage_class,
                size_gb,
                &product.tier_sizes_gib,
            )
            .map(|price| {
                (
                    price,
                    Quantity::whole(i64::from(count)),
                    format!("{label} {} ({size_gb} GB) × {count}", price.sku),
                )
            }),
        (None, None) => Err(format!("the disk rule for {class_name} names no price")),
    };
    match result {
        Ok((price, quantity, metric)) => {
            out.tier(&price.sku);
            out.line(metric, quantity, price, Bucket::Storage, None);
        }
        Err(reason) => out.unpriced(
            format!("{label} ({class_name}, {size_gb} GB × {count})"),
            reason,
        ),
    }
}

/// The plan spelling of a disk class.
pub const fn disk_class_name(class: DiskClass) -> &'static str {
    match class {
        DiskClass::Standard => "standard",
        DiskClass::Ssd => "ssd",
        DiskClass::PremiumSsd => "premium_ssd",
        DiskClass::IoOptimized => "io_optimized",
    }
}

/// Stored GB in the price's own unit (GB or GiB).
pub fn per_gb_quantity(price: &PriceEntry, size_gb: f64) -> Quantity {
    if price.unit == PriceUnit::GibMonth {
        Quantity::from_f64(gb_to_gib(size_gb))
    } else {
        Quantity::from_f64(size_gb)
    }
}

/// Prices a `storage` section of an `object_storage` or `block_storage` component.
pub fn storage(ctx: &PricingContext<'_>, config: &StorageConfig, block: bool, out: &mut Priced) {
    if block {
        let class = config.disk_type.unwrap_or(DiskClass::Ssd);
        disk(ctx, "volume", config.size_gb, class, 1, out);
        if let Some(iops) = config.iops {
            out.note(format!(
                "{iops} provisioned IOPS: included in the disk tier where the provider bundles them; extra IOPS are not priced."
            ));
        }
        return;
    }
    let tier = config.tier.unwrap_or(StorageTier::Hot);
    let objects = &ctx.rules.object_storage;
    let (sku, tier_name) = match tier {
        StorageTier::Hot => (&objects.hot, "hot"),
        StorageTier::Cool => (&objects.cool, "cool"),
        StorageTier::Archive => (&objects.archive, "archive"),
    };
    match ctx.book.find(sku) {
        Ok(price) => {
            out.tier(&price.sku);
            // A price that covers only a first volume tier is never applied
            // beyond it: the rest waits for a price.
            #[allow(clippy::cast_precision_loss)]
            let covered = price
                .attributes
                .tier_to_gb
                .map_or(config.size_gb, |to| config.size_gb.min(to as f64));
            out.line(
                format!("{tier_name} storage {covered} GB"),
                per_gb_quantity(price, covered),
                price,
                Bucket::Storage,
                None,
            );
            if covered < config.size_gb {
                out.unpriced(
                    format!(
                        "{tier_name} storage above {covered} GB ({} GB)",
                        config.size_gb - covered
                    ),
                    ctx.book
                        .missing(&price.service, "volume tier above the catalog's first"),
                );
            }
        }
        Err(reason) => out.unpriced(format!("{tier_name} storage {} GB", config.size_gb), reason),
    }
    if let Some(requests) = config.requests_per_month {
        #[allow(clippy::cast_precision_loss)]
        let total = ctx.env.volume(requests as f64);
        let writes = total * ctx.billing.request_write_share;
        requests_line(ctx, "write requests", writes, &objects.write_requests, out);
        requests_line(
            ctx,
            "read requests",
            total - writes,
            &objects.read_requests,
            out,
        );
    }
    if let Some(egress) = config.egress_gb_per_month {
        internet_egress(ctx, ctx.env.volume(egress), out);
    }
}

fn requests_line(
    ctx: &PricingContext<'_>,
    label: &str,
    count: f64,
    sku: &crate::catalog::billing::SkuRef,
    out: &mut Priced,
) {
    if count <= 0.0 {
        return;
    }
    match ctx.book.find(sku) {
        Ok(price) => {
            let per = match price.unit {
                PriceUnit::RequestThousand => 1_000.0,
                PriceUnit::RequestMillion => 1_000_000.0,
                _ => 1.0,
            };
            out.line(
                format!("{label} ({})", Quantity::from_f64(count)),
                Quantity::from_f64(count / per),
                price,
                Bucket::Network,
                None,
            );
        }
        Err(reason) => out.unpriced(format!("{label} ({})", Quantity::from_f64(count)), reason),
    }
}

/// Prices `gb` of internet egress through the provider's volume tiers.
/// The tiers apply to the month's total for the provider and region: this
/// component's GB follow those of the components priced before it, so the
/// free allowance (GB below the first tier's start) is granted once and
/// volume discounts apply to the pooled total.
pub fn internet_egress(ctx: &PricingContext<'_>, gb: f64, out: &mut Priced) {
    if gb <= 0.0 {
        return;
    }
    let tiers = ctx.book.gb_tiers(&ctx.rules.egress);
    if tiers.is_empty() {
        out.unpriced(
            format!("internet egress {gb} GB"),
            ctx.book.missing(&ctx.rules.egress, "internet egress"),
        );
        return;
    }
    let start = ctx.egress_used.get();
    let end = start + gb;
    ctx.egress_used.set(end);
    let overlap = |from: f64, to: f64| (end.min(to) - start.max(from)).max(0.0);
    #[allow(clippy::cast_precision_loss)]
    for price in &tiers {
        let from = price.attributes.tier_from_gb.unwrap_or(0) as f64;
        let to = price
            .attributes
            .tier_to_gb
            .map_or(f64::INFINITY, |t| t as f64);
        let in_tier = overlap(from, to);
        if in_tier > 0.0 {
            out.line(
                format!("internet egress ({})", price.sku),
                Quantity::from_f64(in_tier),
                price,
                Bucket::Network,
                None,
            );
        }
    }
    #[allow(clippy::cast_precision_loss)]
    if let Some(first) = tiers
        .first()
        .and_then(|p| p.attributes.tier_from_gb)
        .filter(|f| *f > 0)
    {
        let free = overlap(0.0, first as f64);
        if free > 0.0 {
            out.note(format!(
                "{free} GB of egress fall in the first {first} GB a month, free on {}.",
                ctx.book.provider.as_str()
            ));
        }
    }
    if let Some(last) = tiers.last().and_then(|p| p.attributes.tier_to_gb) {
        #[allow(clippy::cast_precision_loss)]
        let above = overlap(last as f64, f64::INFINITY);
        if above > 0.0 {
            out.unpriced(
                format!("internet egress above {last} GB a month ({above} GB)"),
                ctx.book
                    .missing(&ctx.rules.egress, "egress tier above the catalog's last"),
            );
        }
    }
}

/// Prices a `network` section: NAT gateways, egress, VPN.
pub fn network(ctx: &PricingContext<'_>, config: &NetworkConfig, out: &mut Priced) {
    if let Some(nat) = config.nat_gateways.filter(|n| *n > 0) {
        match ctx.book.find(&ctx.rules.nat_gateway) {
            Ok(price) => out.line(
                format!("NAT gateway × {nat}"),
                ctx.env.hours_of(nat),
                price,
                Bucket::Network,
                None,
            ),
            Err(reason) => out.unpriced(format!("NAT gateway × {nat}"), reason),
        }
        out.note("NAT data-processing charges are not priced.");
    }
    if let Some(egress) = config.egress_gb_per_month {
        internet_egress(ctx, ctx.env.volume(egress), out);
    }
    if config.vpn == Some(true) {
        out.unpriced(
            "site-to-site VPN gateway",
            format!(
                "the catalog has no {} VPN gateway price",
                ctx.book.provider.as_str()
            ),
        );
    }
}

/// Prices a `loadBalancer` section.
pub fn load_balancer(ctx: &PricingContext<'_>, config: &LoadBalancerConfig, out: &mut Priced) {
    let kind = match config.kind {
        LoadBalancerKind::Application => "application",
        LoadBalancerKind::Network => "network",
    };
    let Some(product) = ctx.rules.load_balancers.get(kind) else {
        out.unpriced(
            format!("{kind} load balancer"),
            "no billing rule for this kind",
        );
        return;
    };
    let data_gb = ctx
        .env
        .volume(config.data_processed_gb_per_month.unwrap_or(0.0));
    let rules = config.rules.unwrap_or(1);
    let mut priced =
        |label: String, sku: &crate::catalog::billing::SkuRef, quantity: Quantity| match ctx
            .book
            .find(sku)
        {
            Ok(price) => {
                out.tier(&price.service);
                out.line(label, quantity, price, Bucket::Network, None);
            }
            Err(reason) => out.unpriced(label, reason),
        };
    if let Some(sku) = &product.hourly {
        priced(format!("{kind} load balancer"), sku, ctx.env.hours_of(1));
    }
    if let Some(sku) = &product.capacity_unit {
        // One capacity unit covers 1 GB processed an hour, so a month's
        // GB processed is that many capacity-unit-hours when bytes dominate.
        priced(
            format!("capacity units for {data_gb} GB processed"),
            sku,
            Quantity::from_f64(data_gb),
        );
    }
    if let Some(sku) = &product.rule {
        priced(
            format!("{rules} rule{}", if rules == 1 { "" } else { "s" }),
            sku,
            ctx.env.hours_of(rules),
        );
    }
    if let Some(sku) = &product.data_processed {
        priced(
            format!("{data_gb} GB processed"),
            sku,
            Quantity::from_f64(data_gb),
        );
    }
    if config.waf == Some(true) {
        out.unpriced(
            "web application firewall",
            format!(
                "the catalog has no {} WAF price",
                ctx.book.provider.as_str()
            ),
        );
    }
}
