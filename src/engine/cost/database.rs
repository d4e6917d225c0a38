//! Pricing rules for managed databases and caches: instance SKUs, Cloud
//! SQL vCPU and memory, cache nodes and tiers, Memorystore capacity bands,
//! request units; with high availability, read replicas, storage, IOPS and
//! backup storage as the billing rules say.

use super::cache;
use super::context::{Priced, PricingContext};
use super::infra::shape_text;
use super::pricebook::{sku_class, sku_shape};
use super::quantity::Quantity;
use super::report::{Bucket, Commitment};
use super::request_units;
use crate::catalog::billing::{DatabaseModel, DatabaseProduct, HaRule};
use crate::catalog::pricing::PriceEntry;
use crate::plan::component::DiskClass;
use crate::plan::database::{DatabaseConfig, DeploymentType};

/// What a database needs, provider-neutral: read from a plan's `database`
/// section, or built from a sizing recommendation.
#[derive(Debug, Clone, PartialEq)]
pub struct DatabaseRequest {
    /// Provider SKU as its API spells it.
    pub tier: Option<String>,
    /// vCPUs, when no tier (or to translate one).
    pub vcores: Option<u32>,
    /// Memory in GiB.
    pub memory_gib: Option<f64>,
    /// Provisioned storage, GB.
    pub storage_gb: Option<f64>,
    /// Provisioned IOPS.
    pub iops: Option<u32>,
    /// A standby in another zone.
    pub ha: bool,
    /// Read replicas.
    pub replicas: u32,
    /// Backups kept (billed beyond the free share).
    pub backups: bool,
    /// Reads a month, for request-priced services.
    pub reads_per_month: Option<u64>,
    /// Writes a month, for request-priced services.
    pub writes_per_month: Option<u64>,
    /// Class of a translated tier (`burstable`, `general_purpose`…), so the
    /// size picked on another provider is of the same kind.
    pub tier_class: Option<String>,
    /// Nodes of the sized shape (search data nodes); storage is per node.
    pub nodes: u32,
    /// Dedicated master nodes and their instance type, where the plan has them.
    pub masters: Option<(u32, Option<String>)>,
    /// Engine edition, where editions are priced apart.
    pub edition: Option<String>,
    /// Shards of a sharded cache, each a primary with its replicas.
    pub shards: u32,
    /// The plan's disk class, when it names one.
    pub storage_class: Option<DiskClass>,
}

impl Default for DatabaseRequest {
    /// Nothing asked for: one node, one shard, no sizes.
    fn default() -> Self {
        Self {
            tier: None,
            vcores: None,
            memory_gib: None,
            storage_gb: None,
            iops: None,
            ha: false,
            replicas: 0,
            backups: false,
            reads_per_month: None,
            writes_per_month: None,
            tier_class: None,
            nodes: 1,
            masters: None,
            edition: None,
            shards: 1,
            storage_class: None,
        }
    }
}

impl DatabaseRequest {
    /// What a plan's `database` section asks for.
    pub fn from_config(config: &DatabaseConfig) -> Self {
        let deployment = config.deployment.as_ref();
        let sizing = deployment.and_then(|d| d.sizing.as_ref());
        let storage = sizing.and_then(|s| s.storage.as_ref());
        #[allow(clippy::cast_precision_loss)]
        let memory_gib = sizing
            .and_then(|s| s.memory.as_ref())
            .or_else(|| config.redis.as_ref().and_then(|r| r.max_memory.as_ref()))
            .map(|m| m.bytes() as f64 / 1_073_741_824.0);
        Self {
            tier: sizing.and_then(|s| s.tier.clone()),
            vcores: sizing.and_then(|s| s.vcores),
            memory_gib,
            storage_gb: storage
                .map(|s| f64::from(s.size_gb))
                .or_else(|| config.usage.as_ref().and_then(|u| u.storage_gb)),
            iops: storage.and_then(|s| s.iops),
            storage_class: storage.map(|s| s.kind),
            ha: config.high_availability.as_ref().is_some_and(|h| h.enabled),
            backups: config.backup.as_ref().is_none_or(|b| b.enabled),
            reads_per_month: config.usage.as_ref().map(|u| u.reads_per_month),
            writes_per_month: config.usage.as_ref().map(|u| u.writes_per_month),
            tier_class: None,
            shards: config
                .redis
                .as_ref()
                .filter(|r| r.cluster_mode)
                .and_then(|r| r.shards)
                .unwrap_or(1)
                .max(1),
            edition: deployment
                .and_then(|d| d.edition)
                .map(|e| e.as_str().to_owned()),
            nodes: config
                .elasticsearch
                .as_ref()
                .map(|e| e.topology.data_nodes)
                .or_else(|| sizing.and_then(|s| s.nodes))
                .unwrap_or(1)
                .max(1),
            masters: config
                .elasticsearch
                .as_ref()
                .filter(|e| e.topology.master_nodes > 0)
                .map(|e| (e.topology.master_nodes, e.topology.master_tier.clone())),
            replicas: deployment
                .and_then(|d| d.replication.as_ref())
                .and_then(|r| r.read_replicas.as_ref())
                .map_or(0, |r| r.count),
        }
    }
}

/// Prices a `database` section. `own_provider` is false when the plan's
/// SKU names belong to another provider (cost compare).
pub fn database(
    ctx: &PricingContext<'_>,
    config: &DatabaseConfig,
    own_provider: bool,
    out: &mut Priced,
) {
    let Some(technology) = config.technology.as_deref() else {
        out.unpriced(
            "database",
            "no technology chosen; run `infraplan recommend-db` and set database.technology",
        );
        return;
    };
    if let Some(kind) = config.deployment.as_ref().map(|d| d.kind)
        && kind != DeploymentType::Managed
    {
        out.unpriced(
            format!("{technology} ({})", if kind == DeploymentType::SelfManaged { "self-managed" } else { "containerized" }),
            "self-run databases are priced by the VMs or nodes they run on; describe those as compute or container_cluster components",
        );
        return;
    }
    sized(
        ctx,
        technology,
        DatabaseRequest::from_config(config),
        own_provider,
        out,
    );
}

/// Prices `technology` for `request` on this provider: the billing rules'
/// service (or the alternative they name) and its pricing model.
/// `own_provider` is false when the request's tier names another
/// provider's SKU, which is then translated by vCPU and memory.
pub fn sized(
    ctx: &PricingContext<'_>,
    technology: &str,
    mut request: DatabaseRequest,
    own_provider: bool,
    out: &mut Priced,
) {
    let Some((product, priced_as)) = resolve_product(ctx, technology, out) else {
        return;
    };
    if let Some(note) = &product.note {
        out.note(note.clone());
    }
    if !own_provider || priced_as != technology {
        translate_tier(ctx, product, &mut request, out);
    }
    match product.model {
        DatabaseModel::Instance => instance(ctx, product, &request, out),
        DatabaseModel::VcpuMemory => vcpu_memory(ctx, product, &request, out),
        DatabaseModel::CacheNodes => cache::cache_nodes(ctx, product, &request, out),
        DatabaseModel::CacheTier => cache::cache_tier(ctx, product, &request, out),
        DatabaseModel::CapacityBands => cache::capacity_bands(ctx, product, &request, out),
        DatabaseModel::RequestUnits => request_units::price(ctx, product, &request, out),
    }
}

/// The billing rules for `technology` on this provider, or for the
/// alternative the rules name; `None` (with an unpriced item) when neither.
fn resolve_product<'a>(
    ctx: &PricingContext<'a>,
    technology: &str,
    out: &mut Priced,
) -> Option<(&'a DatabaseProduct, String)> {
    let provider = ctx.book.provider.as_str();
    if let Some(product) = ctx.rules.databases.get(technology) {
        return Some((product, technology.to_owned()));
    }
    let Some(alternative) = ctx.rules.alternatives.get(technology) else {
        out.unpriced(
            technology.to_owned(),
            format!("the billing rules have no {provider} service for {technology}; add one with --catalog (cost/billing.yaml)"),
        );
        return None;
    };
    let Some(product) = ctx.rules.databases.get(&alternative.technology) else {
        out.unpriced(
            technology.to_owned(),
            format!(
                "{provider} does not run {technology}; the closest is {} ({}), which the catalog cannot price",
                alternative.technology, alternative.reason
            ),
        );
        return None;
    };
    out.note(format!(
        "No {technology} on {provider}: priced as {} instead. {}",
        alternative.technology, alternative.reason
    ));
    Some((product, alternative.technology.clone()))
}

/// A SKU named for another provider becomes its vCPU and memory.
fn translate_tier(
    ctx: &PricingContext<'_>,
    product: &DatabaseProduct,
    request: &mut DatabaseRequest,
    out: &mut Priced,
) {
    let Some(tier) = request.tier.take() else {
        return;
    };
    let prefixes = ["GP_".to_owned(), "B_".to_owned(), "MO_".to_owned()];
    if ctx
        .book
        .has_instance(&product.service, &tier, &product.sku_prefixes)
        .is_some()
    {
        request.tier = Some(tier);
        return;
    }
    let by_size = || {
        format!(
            "`{tier}` has no {} price in {}: priced by its size instead.",
            product.service, ctx.book.region
        )
    };
    request.tier_class = sku_class(ctx.catalog, &tier, &prefixes).map(str::to_owned);
    if let Some((vcpus, memory)) = sku_shape(ctx.catalog, &tier, &prefixes) {
        out.note(by_size());
        request.vcores = request.vcores.or(Some(vcpus));
        request.memory_gib = request.memory_gib.or(Some(memory));
    } else if let Some(memory) = super::pricebook::sku_memory(ctx.catalog, &tier) {
        // Cache node prices record memory only; memory is what a cache is sized by.
        out.note(by_size());
        request.memory_gib = request.memory_gib.or(Some(memory));
    } else if request.vcores.is_some() || request.memory_gib.is_some() {
        // The plan states the size itself.
        out.note(by_size());
    } else {
        // Neither priced nor a size the catalog knows: the tier itself is
        // what cannot be priced, and the report names it.
        request.tier = Some(tier);
    }
}

/// The instance SKU: the plan's tier, or the cheapest that fits.
/// The price entries' `engine` for the plan's edition, where the service
/// prices editions apart; the first edition listed when the plan names
/// none, with a note. `Err` when the plan's edition has no prices.
fn edition_engine<'p>(
    product: &'p DatabaseProduct,
    request: &DatabaseRequest,
    out: &mut Priced,
) -> Result<Option<&'p str>, String> {
    let Some(first) = product.editions.first() else {
        return Ok(None);
    };
    let Some(asked) = request.edition.as_deref() else {
        out.note(format!(
            "No deployment.edition given: priced as {} edition.",
            first.edition
        ));
        return Ok(Some(first.engine.as_str()));
    };
    product
        .editions
        .iter()
        .find(|e| e.edition == asked)
        .map(|e| Some(e.engine.as_str()))
        .ok_or_else(|| {
            let known: Vec<&str> = product
                .editions
                .iter()
                .map(|e| e.edition.as_str())
                .collect();
            format!(
                "{} prices no {asked} edition in the billing rules (it has {})",
                product.service,
                known.join(", ")
            )
        })
}

fn pick_instance<'a>(
    ctx: &PricingContext<'a>,
    product: &DatabaseProduct,
    request: &DatabaseRequest,
    out: &mut Priced,
) -> Option<&'a PriceEntry> {
    let engine = match edition_engine(product, request, out) {
        Ok(engine) => engine,
        Err(reason) => {
            out.unpriced(product.service.clone(), reason);
            return None;
        }
    };
    if let Some(tier) = &request.tier {
        let found = match engine {
            Some(engine) => {
                ctx.book
                    .instance_of_engine(&product.service, tier, &product.sku_prefixes, engine)
            }
            None => ctx
                .book
                .instance(&product.service, tier, &product.sku_prefixes),
        };
        return match found {
            Ok(price) => Some(price),
            Err(reason) => {
                out.unpriced(format!("{} {tier}", product.service), reason);
                None
            }
        };
    }
    if request.vcores.is_none() && request.memory_gib.is_none() {
        out.unpriced(
            product.service.clone(),
            "no sizing: give deployment.sizing.tier, or vcores and memory",
        );
        return None;
    }
    let fit = match engine {
        Some(engine) => ctx.book.cheapest_fit_of_engine(
            &product.service,
            request.vcores,
            request.memory_gib,
            request.tier_class.as_deref(),
            engine,
        ),
        None => ctx.book.cheapest_fit(
            &product.service,
            request.vcores,
            request.memory_gib,
            request.tier_class.as_deref(),
        ),
    };
    let Some(price) = fit else {
        out.unpriced(
            format!(
                "{} ({})",
                product.service,
                shape_text(request.vcores, request.memory_gib)
            ),
            format!(
                "the catalog has no {} instance that large in {}",
                product.service, ctx.book.region
            ),
        );
        return None;
    };
    out.note(format!(
        "{} → {} {}, the cheapest catalog size with at least that.",
        shape_text(request.vcores, request.memory_gib),
        product.service,
        price.sku
    ));
    Some(price)
}

/// HA copies billed for instance and storage under a multiplier rule.
fn ha_copies(product: &DatabaseProduct, request: &DatabaseRequest, out: &mut Priced) -> u32 {
    match (&product.high_availability, request.ha) {
        (
            Some(HaRule {
                multiplier: Some(m),
                source,
                low_confidence,
                ..
            }),
            true,
        ) => {
            out.note(format!("High availability: {source}."));
            if *low_confidence {
                out.assumed_rule = true;
            }
            *m
        }
        (None, true) => {
            out.note("High availability: the service bills no separate standby; the instances and nodes the plan lists are what is billed.");
            1
        }
        _ => 1,
    }
}

fn instance(
    ctx: &PricingContext<'_>,
    product: &DatabaseProduct,
    request: &DatabaseRequest,
    out: &mut Priced,
) {
    // Storage is priced even when the instance is not: an unpriced
    // instance must not take its priceable storage and IOPS lines with it.
    let picked = pick_instance(ctx, product, request, out);
    // A cluster of data nodes (search) bills each node and its storage.
    let copies = ha_copies(product, request, out) * request.nodes.max(1);
    let replicas = ctx.env.count(request.replicas);
    if let Some(price) = picked {
        instance_lines(ctx, product, price, copies, replicas, out);
        zone_redundancy_line(ctx, product, request, price, out);
    }
    if let Some((count, tier)) = &request.masters {
        master_lines(ctx, product, *count, tier.as_deref(), out);
    }
    storage_lines(ctx, product, request, copies, replicas, out);
}

/// An HA add-on billed per vCore of the instance (Azure SQL Database zone
/// redundancy), when the plan asks for HA.
fn zone_redundancy_line(
    ctx: &PricingContext<'_>,
    product: &DatabaseProduct,
    request: &DatabaseRequest,
    price: &PriceEntry,
    out: &mut Priced,
) {
    let Some(rule) = product.high_availability.as_ref().filter(|_| request.ha) else {
        return;
    };
    let Some(add_on) = &rule.add_on_per_vcore else {
        return;
    };
    let Some(vcores) = price.attributes.vcpu else {
        out.unpriced(
            format!("{} high availability", product.service),
            format!("the catalog records no vCore count for {}", price.sku),
        );
        return;
    };
    out.note(format!("High availability: {}.", rule.source));
    match ctx.book.find(add_on) {
        Ok(add_on_price) => out.line(
            format!("zone redundancy: {vcores} vCores"),
            ctx.env.hours_of(vcores),
            add_on_price,
            Bucket::Compute,
            None,
        ),
        Err(reason) => out.unpriced(format!("{} zone redundancy", product.service), reason),
    }
}

/// Dedicated master nodes, billed as instances of their own type.
fn master_lines(
    ctx: &PricingContext<'_>,
    product: &DatabaseProduct,
    count: u32,
    tier: Option<&str>,
    out: &mut Priced,
) {
    let Some(tier) = tier else {
        out.unpriced(
            format!("{count} dedicated master nodes"),
            "the plan names no instance type for them (elasticsearch.topology.masterTier)",
        );
        return;
    };
    match ctx
        .book
        .instance(&product.service, tier, &product.sku_prefixes)
    {
        Ok(price) => out.line(
            format!("{} × {count} dedicated masters", price.sku),
            ctx.env.hours_of(count),
            price,
            Bucket::Compute,
            Some(product.commitment),
        ),
        Err(reason) => out.unpriced(format!("{count} dedicated master nodes {tier}"), reason),
    }
}

/// The instance, standby and replica lines of a priced instance.
fn instance_lines(
    ctx: &PricingContext<'_>,
    product: &DatabaseProduct,
    price: &PriceEntry,
    copies: u32,
    replicas: u32,
    out: &mut Priced,
) {
    out.tier(&price.sku);
    let label = if copies > 1 && product.high_availability.is_none() {
        format!("{} × {copies} nodes", price.sku)
    } else if copies > 1 {
        format!("{} × {copies} (primary + standby)", price.sku)
    } else {
        format!("{} primary", price.sku)
    };
    out.line(
        label,
        ctx.env.hours_of(copies),
        price,
        Bucket::Compute,
        Some(product.commitment),
    );
    if let Some(cheaper) = ctx.book.cheaper_same_shape(&product.service, price, true) {
        ctx.offer_cheaper(
            out,
            "database instance",
            ctx.env.hours_of(copies + replicas),
            price,
            cheaper,
            vec!["Different instance generation or Arm (Graviton): check extension and driver support.".to_owned()],
        );
    }
    if replicas > 0 {
        out.line(
            format!(
                "{} × {replicas} read replica{}",
                price.sku,
                plural(replicas)
            ),
            ctx.env.hours_of(replicas),
            price,
            Bucket::Compute,
            Some(product.commitment),
        );
    }
}

/// The storage size to bill: where the service provisions IOPS above its
/// small-volume allowance only from a minimum size (RDS gp3 from 400 GB),
/// a smaller volume asking for more IOPS is billed at that minimum, as the
/// provider would require, never with IOPS it cannot have.
fn provisionable_size(
    product: &DatabaseProduct,
    request: &DatabaseRequest,
    size: f64,
    out: &mut Priced,
) -> f64 {
    let Some(rule) = &product.iops else {
        return size;
    };
    match (rule.large_volume_from_gb, request.iops) {
        (Some(from), Some(iops)) if size < f64::from(from) && iops > rule.included_iops => {
            out.note(format!(
                "{iops} IOPS need at least {from} GB of {} storage (below that only {} IOPS are available): storage priced at {from} GB.",
                product.service, rule.included_iops
            ));
            f64::from(from)
        }
        _ => size,
    }
}

fn storage_lines(
    ctx: &PricingContext<'_>,
    product: &DatabaseProduct,
    request: &DatabaseRequest,
    copies: u32,
    replicas: u32,
    out: &mut Priced,
) {
    let Some(size) = request.storage_gb else {
        out.note("No storage size given: storage not priced.");
        return;
    };
    let class_rule = request
        .storage_class
        .and_then(|class| product.storage_classes.get(class.as_str()));
    let (storage, iops_rule) = match class_rule {
        Some(rule) => (Some(&rule.storage), rule.iops.as_ref()),
        None => (product.storage.as_ref(), product.iops.as_ref()),
    };
    let Some(storage) = storage else {
        return;
    };
    let (size, iops) = match class_rule {
        Some(rule) => class_minimums(rule, size, request.iops, out),
        None => (
            provisionable_size(product, request, size, out),
            request.iops,
        ),
    };
    // Pooled storage (Redshift managed storage) is one volume for the cluster.
    let volumes = if product.pooled_storage {
        1
    } else {
        copies + replicas
    };
    let class_word = class_rule
        .map(|r| format!("{} ", r.name))
        .unwrap_or_default();
    match ctx.book.find(storage) {
        Ok(price) => out.line(
            format!("storage {class_word}{size} GB × {volumes}"),
            Quantity::from_f64(size).times(i64::from(volumes)),
            price,
            Bucket::Storage,
            None,
        ),
        Err(reason) => out.unpriced(format!("storage {class_word}{size} GB"), reason),
    }
    let included =
        iops_rule.map(
            |rule| match (rule.large_volume_from_gb, rule.large_volume_included_iops) {
                (Some(from), Some(large)) if size >= f64::from(from) => large,
                _ => rule.included_iops,
            },
        );
    if let (Some(rule), Some(iops), Some(included)) = (iops_rule, iops, included)
        && iops > included
    {
        let extra = iops - included;
        let label = if included == 0 {
            format!("{class_word}provisioned IOPS: {extra} × {volumes}")
        } else {
            format!("IOPS above {included} included: {extra} × {volumes}")
        };
        match ctx.book.find(&rule.sku) {
            Ok(price) => out.line(
                label,
                Quantity::whole(i64::from(extra) * i64::from(volumes)),
                price,
                Bucket::Storage,
                None,
            ),
            Err(reason) => out.unpriced(format!("{extra} provisioned IOPS"), reason),
        }
    }
    if request.backups {
        backup_line(ctx, product, size, out);
    }
}

/// The size and IOPS a disk class provisions at the least, with a note for
/// each raised.
fn class_minimums(
    rule: &crate::catalog::billing::StorageClassRule,
    size: f64,
    iops: Option<u32>,
    out: &mut Priced,
) -> (f64, Option<u32>) {
    let mut size = size;
    if let Some(minimum) = rule.minimum_gb.map(f64::from)
        && size < minimum
    {
        out.note(format!(
            "{} storage starts at {minimum} GB: priced at {minimum} GB ({}).",
            rule.name, rule.source
        ));
        size = minimum;
    }
    let iops = match (iops, rule.minimum_iops) {
        (Some(given), Some(minimum)) if given < minimum => {
            out.note(format!(
                "{} provisions at least {minimum} IOPS: priced at {minimum}.",
                rule.name
            ));
            Some(minimum)
        }
        (None, Some(minimum)) => {
            out.note(format!(
                "{} storage needs provisioned IOPS and the plan states none \
                 (sizing.storage.iops): priced at the minimum, {minimum}.",
                rule.name
            ));
            Some(minimum)
        }
        (given, _) => given,
    };
    (size, iops)
}

/// Backup storage beyond the free share, taking one full copy of the data.
fn backup_line(ctx: &PricingContext<'_>, product: &DatabaseProduct, size: f64, out: &mut Priced) {
    let Some(rule) = &product.backup else {
        return;
    };
    let billable = size - size * rule.free_share_of_storage;
    if billable <= 0.0 {
        return;
    }
    match ctx.book.find(&rule.sku) {
        Ok(price) => out.line(
            format!("backup storage {billable} GB"),
            Quantity::from_f64(billable),
            price,
            Bucket::Backup,
            None,
        ),
        Err(reason) => out.unpriced(format!("backup storage {billable} GB"), reason),
    }
}

fn vcpu_memory(
    ctx: &PricingContext<'_>,
    product: &DatabaseProduct,
    request: &DatabaseRequest,
    out: &mut Priced,
) {
    let (vcores, memory) = match (request.vcores, request.memory_gib, &request.tier) {
        (Some(v), Some(m), _) => (v, m),
        (_, _, Some(tier)) => {
            if let Some(shape) = sku_shape(ctx.catalog, tier, &[]) {
                shape
            } else {
                {
                    out.unpriced(
                    format!("{} {tier}", product.service),
                    format!("{} is billed per vCPU and GB of memory; give deployment.sizing.vcores and memory for tier `{tier}`", product.service),
                );
                    return;
                }
            }
        }
        _ => {
            out.unpriced(
                product.service.clone(),
                "no sizing: give deployment.sizing.vcores and memory",
            );
            return;
        }
    };
    let ha_rule = product.high_availability.as_ref().filter(|_| request.ha);
    let (vcpu_sku, memory_sku, storage_sku) = match ha_rule {
        Some(rule) => {
            out.note(format!("High availability: {}.", rule.source));
            (
                rule.vcpu.as_ref().or(product.vcpu.as_ref()),
                rule.memory.as_ref().or(product.memory.as_ref()),
                rule.storage.as_ref().or(product.storage.as_ref()),
            )
        }
        None => (
            product.vcpu.as_ref(),
            product.memory.as_ref(),
            product.storage.as_ref(),
        ),
    };
    out.tier(&format!("{vcores} vCPU / {memory} GB"));
    let replicas = ctx.env.count(request.replicas);
    let mut charge = |label: String,
                      sku: Option<&crate::catalog::billing::SkuRef>,
                      quantity: Quantity,
                      bucket: Bucket,
                      commitment: Option<Commitment>| {
        let Some(sku) = sku else { return };
        match ctx.book.find(sku) {
            Ok(price) => out.line(label, quantity, price, bucket, commitment),
            Err(reason) => out.unpriced(label, reason),
        }
    };
    let hours = i64::from(ctx.env.hours);
    charge(
        format!("{vcores} vCPU"),
        vcpu_sku,
        Quantity::whole(i64::from(vcores) * hours),
        Bucket::Compute,
        Some(product.commitment),
    );
    charge(
        format!("{memory} GB memory"),
        memory_sku,
        Quantity::from_f64(memory).times(hours),
        Bucket::Compute,
        Some(product.commitment),
    );
    if replicas > 0 {
        let per_replica = i64::from(replicas) * hours;
        charge(
            format!(
                "{vcores} vCPU × {replicas} read replica{}",
                plural(replicas)
            ),
            product.vcpu.as_ref(),
            Quantity::whole(i64::from(vcores) * per_replica),
            Bucket::Compute,
            Some(product.commitment),
        );
        charge(
            format!(
                "{memory} GB memory × {replicas} read replica{}",
                plural(replicas)
            ),
            product.memory.as_ref(),
            Quantity::from_f64(memory).times(per_replica),
            Bucket::Compute,
            Some(product.commitment),
        );
    }
    if let Some(size) = request.storage_gb {
        charge(
            format!("storage {size} GB"),
            storage_sku,
            Quantity::from_f64(size),
            Bucket::Storage,
            None,
        );
        if replicas > 0 {
            charge(
                format!(
                    "storage {size} GB × {replicas} read replica{}",
                    plural(replicas)
                ),
                product.storage.as_ref(),
                Quantity::from_f64(size).times(i64::from(replicas)),
                Bucket::Storage,
                None,
            );
        }
        if request.backups {
            backup_line(ctx, product, size, out);
        }
    } else {
        out.note("No storage size given: storage not priced.");
    }
}

pub(super) const fn plural(count: u32) -> &'static str {
    if count == 1 { "" } else { "s" }
}
