//! Pricing rules for VMs, Kubernetes, disks and object storage. Each rule
//! turns a plan section into usage lines against catalog prices, or an
//! unpriced item saying what price is missing.

use super::context::{Priced, PricingContext, gb_to_gib};
use super::pricebook::{sku_arch, sku_class, sku_shape};
use super::quantity::Quantity;
use super::report::{Bucket, Commitment};
use crate::catalog::pricing::{PriceEntry, PriceUnit};
use crate::plan::component::{
    ComputeConfig, DiskClass, KubernetesConfig, KubernetesTier, OperatingSystem, StorageConfig,
    StorageTier,
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
    // The disks are priced even when the VM type is not: an unpriced type
    // must not take its priceable disk lines with it.
    let picked = pick_vm(ctx, request, out);
    if let Some(price) = picked {
        vm_lines(ctx, request, price, count, out);
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
    picked
}

/// The VM lines of a priced type: hours, a cheaper same-shape type, the
/// Windows licence and spot notes.
fn vm_lines(
    ctx: &PricingContext<'_>,
    request: &VmRequest<'_>,
    price: &PriceEntry,
    count: u32,
    out: &mut Priced,
) {
    let service = &ctx.rules.virtual_machines;
    out.tier(&price.sku);
    let unit_word = if request.label == "VM" { "VM" } else { "node" };
    let metric = format!(
        "{} {} × {count} {unit_word}{}",
        request.label,
        price.sku,
        if count == 1 { "" } else { "s" }
    );
    // Spot capacity cannot be reserved, nor does it earn sustained use.
    let sustained = (!request.spot)
        .then_some(ctx.rules.sustained_use.as_ref())
        .flatten()
        .and_then(|rule| {
            let fraction = f64::from(ctx.env.hours) / f64::from(ctx.billing.hours_per_month);
            rule.billed_share(&price.sku, fraction)
        });
    if let Some(billed) = sustained {
        let hours = ctx.env.hours_of(count).as_f64();
        let before = out.lines.len();
        out.line(
            format!(
                "{metric}, sustained-use discount: {} h billed as {}",
                group_hours(hours),
                group_hours(hours * billed)
            ),
            Quantity::from_f64(hours * billed),
            price,
            Bucket::Compute,
            Some(Commitment::Compute),
        );
        // Only the line just added (none for zero hours) carries the share.
        if let Some(line) = out.lines.get_mut(before) {
            line.sustained_use = Some(billed);
        }
        if let Some(rule) = &ctx.rules.sustained_use {
            out.note(format!("Sustained-use discount: {}.", rule.source));
        }
    } else {
        out.line(
            metric,
            ctx.env.hours_of(count),
            price,
            Bucket::Compute,
            (!request.spot).then_some(Commitment::Compute),
        );
    }
    // Windows Server on Arm is not a general-purpose offer: stay on x86-64.
    let other_arch = request.os != Some(OperatingSystem::Windows);
    if let Some(cheaper) = ctx.book.cheaper_same_shape(service, price, other_arch) {
        let tradeoffs = if cheaper.attributes.arch.is_some() && price.attributes.arch.is_none() {
            vec!["Arm instances need arm64 images for every workload.".to_owned()]
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
    let class = request
        .instance_type
        .and_then(|sku| sku_class(ctx.catalog, sku, &[]));
    let same_arch = ctx
        .book
        .cheapest_fit_on(service, vcpus, memory_gib, arch, class);
    // A provider whose catalog has no type of that architecture (Graviton
    // moved to Azure or GCP) is priced on x86-64, saying so: the workload's
    // images would have to be built for it.
    let (price, architecture_note) = match (same_arch, arch) {
        (Some(price), _) => (price, "on the same CPU architecture"),
        (None, Some(_)) => match ctx
            .book
            .cheapest_fit_on(service, vcpus, memory_gib, None, class)
        {
            Some(price) => (
                price,
                "on x86-64: the catalog has no type of the original CPU architecture here, so images must be built for x86-64",
            ),
            None => return unpriced_vm(ctx, request, vcpus, memory_gib, out),
        },
        (None, None) => return unpriced_vm(ctx, request, vcpus, memory_gib, out),
    };
    let asked = request.instance_type.map_or_else(
        || shape_text(vcpus, memory_gib),
        |sku| format!("{sku} ({})", shape_text(vcpus, memory_gib)),
    );
    out.note(format!(
        "{}: {asked} → {}, the cheapest {service} type in the catalog with at least that, {architecture_note}.",
        request.label, price.sku
    ));
    Some(price)
}

/// Records that no catalog VM type fits the request.
fn unpriced_vm<'a>(
    ctx: &PricingContext<'a>,
    request: &VmRequest<'_>,
    vcpus: Option<u32>,
    memory_gib: Option<f64>,
    out: &mut Priced,
) -> Option<&'a PriceEntry> {
    let service = &ctx.rules.virtual_machines;
    let reason = match request.instance_type {
        // A named type the region lacks: say where that type is priced.
        Some(sku) if ctx.book.has_instance(service, sku, &[]).is_none() => {
            ctx.book.missing(service, sku)
        }
        _ => ctx
            .book
            .missing_shape(service, &shape_text(vcpus, memory_gib)),
    };
    out.unpriced(request.label.to_owned(), reason);
    None
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
    let class_name = class.as_str();
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

/// Provisioned IOPS above what the disk product includes, where the billing
/// rules price them (EBS gp3); otherwise a note that tiers bundle them.
fn disk_iops(ctx: &PricingContext<'_>, class: DiskClass, iops: u32, out: &mut Priced) {
    let rule = ctx
        .rules
        .disks
        .get(class.as_str())
        .and_then(|product| product.iops.as_ref());
    let Some(rule) = rule else {
        out.note(format!(
            "{iops} provisioned IOPS: included in the disk tier where the provider bundles them; the billing rules price no extra IOPS for this disk class."
        ));
        return;
    };
    if iops <= rule.included_iops {
        return;
    }
    let extra = iops - rule.included_iops;
    match ctx.book.find(&rule.sku) {
        Ok(price) => out.line(
            format!("IOPS above {} included: {extra}", rule.included_iops),
            Quantity::whole(i64::from(extra)),
            price,
            Bucket::Storage,
            None,
        ),
        Err(reason) => out.unpriced(format!("{extra} provisioned IOPS"), reason),
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
            disk_iops(ctx, class, iops, out);
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
        super::network::internet_egress(ctx, ctx.env.volume(egress), out);
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
            out.line(
                format!("{label} ({})", Quantity::from_f64(count)),
                Quantity::from_f64(count / price.unit.count_per_unit()),
                price,
                Bucket::Network,
                None,
            );
        }
        Err(reason) => out.unpriced(format!("{label} ({})", Quantity::from_f64(count)), reason),
    }
}

/// Hours as the report writes them: thousands separated, up to three decimals.
fn group_hours(hours: f64) -> String {
    // Rounded to thousandths, non-negative and far below i64::MAX.
    #[allow(clippy::cast_possible_truncation)]
    let thousandths = (hours.max(0.0) * 1000.0).round() as i64;
    let whole = super::quantity::group_thousands(thousandths / 1000);
    match thousandths % 1000 {
        0 => whole,
        part => format!("{whole}.{}", format!("{part:03}").trim_end_matches('0')),
    }
}
