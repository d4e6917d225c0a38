//! `db config` for a plan's database component: the server's size comes
//! from what the plan states (memory, vCores), else from its instance tier
//! as the price catalog records it, else from the size `recommend-db`
//! suggests for its criteria; the output says which.

use crate::catalog::Catalog;
use crate::config::Defaults;
use crate::engine::cost::pricebook::{sku_memory, sku_shape};
use crate::plan::{CloudProvider, Component, Plan};

use crate::plan::database::DeploymentType;

use super::{DbConfig, InputError, Memory, Request, configure, managed, request};

/// Bytes in a GiB.
const GIB: f64 = 1_073_741_824.0;

/// Configures `component` with `flags` layered over it.
pub fn configure_component(
    plan: &Plan,
    component: &Component,
    catalog: &Catalog,
    defaults: &Defaults,
    flags: Request,
) -> Result<DbConfig, InputError> {
    let provider = crate::placement::own_provider(plan, Some(component), defaults);
    let mut request = request::from_component(component)?.overlay(flags);
    if request.memory.is_none() {
        complete_size(&mut request, component, catalog, provider);
    }
    let mut config = configure(&request.resolve()?);
    if let Some(service) = provider.and_then(|p| managed_service(component, catalog, p)) {
        config.notes.extend(managed::notes(&config, service));
    }
    Ok(config)
}

/// The managed service a `deployment.type: managed` component runs on.
fn managed_service<'c>(
    component: &Component,
    catalog: &'c Catalog,
    provider: CloudProvider,
) -> Option<&'c crate::catalog::managed::ManagedService> {
    let database = component.database.as_ref()?;
    let deployment = database.deployment.as_ref()?;
    if deployment.kind != DeploymentType::Managed {
        return None;
    }
    catalog.managed_services().find(
        provider,
        database.technology.as_deref()?,
        deployment.service.as_deref(),
    )
}

/// Fills memory (and vCPUs, when not given) from the tier or the suggestion.
fn complete_size(
    request: &mut Request,
    component: &Component,
    catalog: &Catalog,
    provider: Option<CloudProvider>,
) {
    let Some(database) = &component.database else {
        return;
    };
    let deployment = database.deployment.as_ref();
    let tier = deployment
        .and_then(|d| d.sizing.as_ref())
        .and_then(|s| s.tier.as_deref());
    if let Some(tier) = tier {
        if let Some((memory, vcpus)) = tier_size(catalog, tier) {
            request.memory = Some(memory);
            request.cpus = request.cpus.or(vcpus);
            let cpus = vcpus.map(|n| format!("{n} vCPUs, ")).unwrap_or_default();
            request.notes.push(format!(
                "server size from the plan's tier `{tier}` as the price catalog records it: \
                 {cpus}{memory}"
            ));
            return;
        }
        request.notes.push(format!(
            "the price catalog does not record the size of the plan's tier `{tier}`"
        ));
    }
    let (Some(criteria), Some(technology)) = (&database.criteria, &database.technology) else {
        return;
    };
    let Some(entry) = catalog.database(technology) else {
        return;
    };
    // Without a provider there is no family to suggest a size from.
    let Some(provider) = provider else {
        return;
    };
    let Some(sizing) =
        crate::engine::sizing::recommend(criteria, technology, entry.kind, provider, catalog)
    else {
        return;
    };
    let Some(memory) = memory_of_gib(sizing.memory_gib) else {
        return;
    };
    request.memory = Some(memory);
    request.cpus = request.cpus.or(Some(sizing.vcores));
    let tier = sizing
        .tier
        .as_deref()
        .map(|t| format!(" ({t})"))
        .unwrap_or_default();
    request.notes.push(format!(
        "the plan states no server size (deployment.sizing.memory, or a tier the catalog \
         knows): configured for the size recommend-db suggests for its criteria on {}, \
         {} vCPUs and {}{tier}",
        provider.as_str(),
        sizing.vcores,
        sizing.memory
    ));
}

/// Memory and vCPUs of `tier` in the price catalog, trying each provider's
/// SKU prefixes (`GP_Standard_D4ds_v5`); cache nodes record memory only.
fn tier_size(catalog: &Catalog, tier: &str) -> Option<(Memory, Option<u32>)> {
    let mut prefixes: Vec<String> = catalog
        .billing()
        .providers
        .values()
        .flat_map(|p| p.databases.values())
        .flat_map(|d| d.sku_prefixes.iter().cloned())
        .collect();
    prefixes.sort();
    prefixes.dedup();
    if let Some((vcpus, gib)) = sku_shape(catalog, tier, &prefixes) {
        return memory_of_gib(gib).map(|memory| (memory, Some(vcpus)));
    }
    let gib = sku_memory(catalog, tier)?;
    memory_of_gib(gib).map(|memory| (memory, None))
}

/// Whole MB of `gib` GiB (`13.07` GiB is 13383 MB).
fn memory_of_gib(gib: f64) -> Option<Memory> {
    // Clamped to a non-negative range that fits, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let bytes = (gib * GIB).clamp(0.0, 1.0e18) as u64;
    Memory::from_bytes(bytes)
}
