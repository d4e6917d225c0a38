//! The catalog prices of one provider and region, and the look-ups the
//! pricing rules need: a named SKU, the cheapest SKU that fits a shape, a
//! disk tier, egress tiers. A missing price is an explained `Err`, never a
//! guess.

use crate::catalog::Catalog;
use crate::catalog::billing::SkuRef;
use crate::catalog::pricing::{Deployment, PriceEntry, PriceUnit};
use crate::plan::CloudProvider;

/// How many other regions a missing-price message names.
const NEAREST_SHOWN: usize = 3;

/// Prices of one provider in one region.
#[derive(Debug, Clone)]
pub struct PriceBook<'a> {
    /// Provider.
    pub provider: CloudProvider,
    /// Region.
    pub region: String,
    entries: Vec<&'a PriceEntry>,
    catalog: &'a Catalog,
}

impl<'a> PriceBook<'a> {
    /// The prices `catalog` has for `provider` in `region`; other regions
    /// are read only to explain a missing price.
    pub fn new(catalog: &'a Catalog, provider: CloudProvider, region: &str) -> Self {
        let entries = catalog
            .prices_in(provider, region)
            .into_iter()
            .map(|(_, price)| price)
            .collect();
        Self {
            provider,
            region: region.to_owned(),
            entries,
            catalog,
        }
    }

    /// Whether the catalog has any price for this provider in this region.
    pub fn has_region(&self) -> bool {
        !self.entries.is_empty()
    }

    /// Every price of this provider in this region, in catalog order.
    pub fn entries(&self) -> &[&'a PriceEntry] {
        &self.entries
    }

    /// Regions the catalog has prices for, for this provider, sorted.
    pub fn regions(&self) -> Vec<String> {
        self.catalog.price_regions(self.provider)
    }

    /// The price of `sku` in `service`; when several match (single- and
    /// multi-AZ rates) the single-AZ one.
    pub fn find(&self, sku: &SkuRef) -> Result<&'a PriceEntry, String> {
        self.find_in(&sku.service, &sku.sku)
    }

    /// Like [`PriceBook::find`] with the parts apart.
    pub fn find_in(&self, service: &str, sku: &str) -> Result<&'a PriceEntry, String> {
        let mut matches = self
            .entries
            .iter()
            .copied()
            .filter(|p| p.service == service && p.sku == sku);
        let first = matches.next();
        let single_az = self.entries.iter().copied().find(|p| {
            p.service == service
                && p.sku == sku
                && p.attributes.deployment != Some(Deployment::MultiAz)
        });
        single_az
            .or(first)
            .ok_or_else(|| self.missing(service, sku))
    }

    /// An explanation for a missing price, naming the nearest regions that
    /// do have it (reading the other regions' prices only now).
    pub fn missing(&self, service: &str, sku: &str) -> String {
        let what = format!("{service} `{sku}`");
        match self.nearest_with(service, Some(sku)) {
            None => format!(
                "the catalog has no {} price for {what}; add one with --catalog (catalog/pricing/README.md)",
                self.provider.as_str()
            ),
            Some(elsewhere) => format!(
                "the catalog has no {what} price in {}, {elsewhere}; add one for {} with --catalog",
                self.region, self.region
            ),
        }
    }

    /// An explanation for an instance shape no type in this region fits,
    /// naming the nearest regions that price `service` at all.
    pub fn missing_shape(&self, service: &str, shape: &str) -> String {
        let here = format!(
            "the catalog has no {service} instance with {shape} in {}",
            self.region
        );
        match self.nearest_with(service, None) {
            Some(elsewhere) if self.instances(service).next().is_none() => format!(
                "{here} and no {service} prices there at all, {elsewhere}; add them for {} with --catalog (docs/catalog.md)",
                self.region
            ),
            _ => here,
        }
    }

    /// "the nearest regions that have it are …" for the other regions that
    /// price `sku` of `service` (any SKU when `None`); `None` when none does.
    fn nearest_with(&self, service: &str, sku: Option<&str>) -> Option<String> {
        let elsewhere: Vec<String> = self
            .catalog
            .regions_with(self.provider, service, sku)
            .into_iter()
            .filter(|region| *region != self.region)
            .collect();
        if elsewhere.is_empty() {
            return None;
        }
        let nearest =
            self.catalog
                .locations()
                .nearest_first(self.provider, &self.region, &elsewhere);
        if let [only] = nearest.as_slice() {
            return Some(format!("only in {only}"));
        }
        let shown: Vec<&str> = nearest
            .iter()
            .take(NEAREST_SHOWN)
            .map(String::as_str)
            .collect();
        let more = nearest.len().saturating_sub(NEAREST_SHOWN);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        Some(format!(
            "the nearest regions that have it are {}{more}",
            shown.join(", ")
        ))
    }

    /// Hourly instance prices of `service` (unit `hour` or `node-hour`).
    fn instances(&self, service: &str) -> impl Iterator<Item = &'a PriceEntry> + '_ {
        let service = service.to_owned();
        self.entries.iter().copied().filter(move |p| {
            p.service == service && matches!(p.unit, PriceUnit::Hour | PriceUnit::NodeHour)
        })
    }

    /// The instance `sku` of `service`, trying the provider's API prefixes
    /// (`GP_Standard_D4ds_v5` → `Standard_D4ds_v5`).
    pub fn instance(
        &self,
        service: &str,
        sku: &str,
        prefixes: &[String],
    ) -> Result<&'a PriceEntry, String> {
        self.has_instance(service, sku, prefixes)
            .ok_or_else(|| self.missing(service, sku))
    }

    /// The instance `sku` of `service` priced for `engine` (an edition priced
    /// apart), trying the provider's API prefixes.
    pub fn instance_of_engine(
        &self,
        service: &str,
        sku: &str,
        prefixes: &[String],
        engine: &str,
    ) -> Result<&'a PriceEntry, String> {
        let bare = prefixes
            .iter()
            .find_map(|prefix| sku.strip_prefix(prefix.as_str()))
            .unwrap_or(sku);
        self.instances(service)
            .filter(|p| p.attributes.deployment != Some(Deployment::MultiAz))
            .find(|p| {
                (p.sku == sku || p.sku == bare) && p.attributes.engine.as_deref() == Some(engine)
            })
            .ok_or_else(|| format!("{} ({engine})", self.missing(service, sku)))
    }

    /// Like [`PriceBook::instance`] without the explanation: for callers
    /// that only ask whether the region has it.
    pub fn has_instance(
        &self,
        service: &str,
        sku: &str,
        prefixes: &[String],
    ) -> Option<&'a PriceEntry> {
        let bare = prefixes
            .iter()
            .find_map(|prefix| sku.strip_prefix(prefix.as_str()))
            .unwrap_or(sku);
        self.instances(service)
            .find(|p| p.sku == sku || p.sku == bare)
    }

    /// The cheapest instance of `service` with at least `vcpus` and
    /// `memory_gib` (either may be absent), of any CPU architecture; ties by
    /// SKU name. With a `class` (`burstable`, `general_purpose`), SKUs of that
    /// class are preferred when any fits, so a translation stays like for like.
    pub fn cheapest_fit(
        &self,
        service: &str,
        vcpus: Option<u32>,
        memory_gib: Option<f64>,
        class: Option<&str>,
    ) -> Option<&'a PriceEntry> {
        self.fit(service, vcpus, memory_gib, class, |_| true)
    }

    /// Like [`PriceBook::cheapest_fit`], only among prices of `engine` (an
    /// edition priced apart, such as `sqlserver-ee`).
    pub fn cheapest_fit_of_engine(
        &self,
        service: &str,
        vcpus: Option<u32>,
        memory_gib: Option<f64>,
        class: Option<&str>,
        engine: &str,
    ) -> Option<&'a PriceEntry> {
        self.fit(service, vcpus, memory_gib, class, |p| {
            p.attributes.engine.as_deref() == Some(engine)
        })
    }

    /// Like [`PriceBook::cheapest_fit`], only among SKUs of CPU architecture
    /// `arch` (`None` is x86-64): VMs run images built for one.
    pub fn cheapest_fit_on(
        &self,
        service: &str,
        vcpus: Option<u32>,
        memory_gib: Option<f64>,
        arch: Option<&str>,
        class: Option<&str>,
    ) -> Option<&'a PriceEntry> {
        self.fit(service, vcpus, memory_gib, class, |p| {
            p.attributes.arch.as_deref() == arch
        })
    }

    fn fit(
        &self,
        service: &str,
        vcpus: Option<u32>,
        memory_gib: Option<f64>,
        class: Option<&str>,
        keep: impl Fn(&PriceEntry) -> bool,
    ) -> Option<&'a PriceEntry> {
        let fitting: Vec<&PriceEntry> = self
            .instances(service)
            .filter(|p| p.attributes.deployment != Some(Deployment::MultiAz))
            .filter(|p| keep(p))
            .filter(|p| fits(p, vcpus, memory_gib))
            .collect();
        let same_class = |p: &&PriceEntry| class.is_some() && p.attributes.tier.as_deref() == class;
        let pool: Vec<&PriceEntry> = if fitting.iter().any(same_class) {
            fitting.into_iter().filter(same_class).collect()
        } else {
            fitting
        };
        pool.into_iter().min_by(|a, b| {
            a.price_nanos()
                .cmp(&b.price_nanos())
                .then_with(|| a.sku.cmp(&b.sku))
        })
    }

    /// The cheapest instance of `service` with the same vCPU, memory, engine
    /// and class as `reference` that costs less. A burstable type is not a
    /// general-purpose one, so the class must match where both state one;
    /// another CPU architecture only when `other_arch` allows it.
    pub fn cheaper_same_shape(
        &self,
        service: &str,
        reference: &PriceEntry,
        other_arch: bool,
    ) -> Option<&'a PriceEntry> {
        let (vcpu, memory) = (reference.attributes.vcpu?, reference.attributes.memory_gib?);
        let class = reference.attributes.tier.as_deref();
        self.instances(service)
            .filter(|p| class.is_none() || p.attributes.tier.as_deref() == class)
            .filter(|p| other_arch || p.attributes.arch == reference.attributes.arch)
            .filter(|p| p.attributes.vcpu == Some(vcpu))
            .filter(|p| {
                p.attributes
                    .memory_gib
                    .is_some_and(|m| (m - memory).abs() < 0.01)
            })
            .filter(|p| p.attributes.engine == reference.attributes.engine)
            .filter(|p| p.price_nanos() < reference.price_nanos())
            .min_by(|a, b| {
                a.price_nanos()
                    .cmp(&b.price_nanos())
                    .then_with(|| a.sku.cmp(&b.sku))
            })
    }

    /// The disk tier that bills a disk of `size_gb`: the smallest of
    /// `tier_sizes` (GiB) that holds it, priced by the entry of `service`
    /// with that `storageClass` and `diskSizeGiB`. Without a ladder, the
    /// smallest catalog tier that holds it.
    pub fn disk_tier(
        &self,
        service: &str,
        storage_class: &str,
        size_gb: f64,
        tier_sizes: &[u32],
    ) -> Result<&'a PriceEntry, String> {
        let disk_gib = super::context::gb_to_gib(size_gb);
        let billed = tier_sizes
            .iter()
            .copied()
            .find(|t| f64::from(*t) + 1e-9 >= disk_gib);
        let candidates = self
            .entries
            .iter()
            .copied()
            .filter(|p| p.service == service)
            .filter(|p| p.attributes.storage_class.as_deref() == Some(storage_class));
        let found = match billed {
            Some(tier) => candidates
                .filter(|p| p.attributes.disk_size_gib == Some(tier))
                .min_by_key(|p| p.price_nanos()),
            None if tier_sizes.is_empty() => candidates
                .filter(|p| {
                    p.attributes
                        .disk_size_gib
                        .is_some_and(|s| f64::from(s) + 1e-9 >= disk_gib)
                })
                .min_by_key(|p| p.attributes.disk_size_gib),
            None => None,
        };
        found.ok_or_else(|| match billed {
            Some(tier) => format!(
                "a {size_gb} GB disk bills as the {tier} GiB {storage_class} tier, which the catalog has no {service} price for in {}; add it with --catalog",
                self.region
            ),
            None => format!(
                "the catalog has no {service} {storage_class} tier of {size_gb} GB or more in {}; add one with --catalog",
                self.region
            ),
        })
    }

    /// Volume tiers of `service` priced per GB, by `tierFromGb`.
    pub fn gb_tiers(&self, service: &str) -> Vec<&'a PriceEntry> {
        let mut tiers = self.gb_prices(service);
        tiers.retain(|p| p.attributes.tier_from_gb.is_some());
        tiers
    }

    /// Every per-GB price of `service`, by volume tier; a price without a
    /// tier counts from the first GB.
    pub fn gb_prices(&self, service: &str) -> Vec<&'a PriceEntry> {
        let mut tiers: Vec<&PriceEntry> = self
            .entries
            .iter()
            .copied()
            .filter(|p| p.service == service && p.unit == PriceUnit::Gb)
            .collect();
        tiers.sort_by_key(|p| p.attributes.tier_from_gb.unwrap_or(0));
        tiers
    }
}

/// vCPU and memory of `sku` as the catalog knows it for any provider or
/// service: how a SKU named for one cloud is translated to another.
pub fn sku_shape(catalog: &Catalog, sku: &str, prefixes: &[String]) -> Option<(u32, f64)> {
    let bare = prefixes
        .iter()
        .find_map(|prefix| sku.strip_prefix(prefix.as_str()))
        .unwrap_or(sku);
    catalog
        .find_price(&[sku, bare], |p| {
            p.attributes.vcpu.is_some() && p.attributes.memory_gib.is_some()
        })
        .and_then(|p| Some((p.attributes.vcpu?, p.attributes.memory_gib?)))
}

/// Memory of `sku` as the catalog records it, for SKUs priced without a
/// vCPU count (cache nodes).
pub fn sku_memory(catalog: &Catalog, sku: &str) -> Option<f64> {
    catalog
        .find_price(&[sku], |p| p.attributes.memory_gib.is_some())
        .and_then(|p| p.attributes.memory_gib)
}

/// Class of `sku` (`burstable`, `general_purpose`…) as the catalog records
/// it, trying the provider's API prefixes.
pub fn sku_class<'a>(catalog: &'a Catalog, sku: &str, prefixes: &[String]) -> Option<&'a str> {
    let bare = prefixes
        .iter()
        .find_map(|prefix| sku.strip_prefix(prefix.as_str()))
        .unwrap_or(sku);
    catalog
        .find_price(&[sku, bare], |p| p.attributes.tier.is_some())
        .and_then(|p| p.attributes.tier.as_deref())
}

/// CPU architecture of `sku` as the catalog records it (`None`: x86-64).
pub fn sku_arch<'a>(catalog: &'a Catalog, sku: &str) -> Option<&'a str> {
    catalog
        .find_price(&[sku], |_| true)
        .and_then(|p| p.attributes.arch.as_deref())
}

/// Whether `price`'s attributes meet the requested shape.
fn fits(price: &PriceEntry, vcpus: Option<u32>, memory_gib: Option<f64>) -> bool {
    let cpu_ok = vcpus.is_none_or(|want| price.attributes.vcpu.is_some_and(|have| have >= want));
    let memory_ok = memory_gib.is_none_or(|want| {
        price
            .attributes
            .memory_gib
            .is_some_and(|have| have + 1e-9 >= want)
    });
    let has_shape = price.attributes.vcpu.is_some() || price.attributes.memory_gib.is_some();
    cpu_ok && memory_ok && has_shape
}
