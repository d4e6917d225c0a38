//! Where a component runs: one rule, used by every engine and command, for
//! its provider, its region on a provider and the plan's currency.
//!
//! Provider: the one asked for (`--provider`), else the component's own
//! `provider`, else the plan's `providers.primary`, else `[defaults]
//! provider` in infraplan.toml. Region on that provider: the component's
//! own `region` when the provider is the component's own, else the plan's
//! `providers.regions`, else `[defaults.regions]`; engines fall back to the
//! catalog's default region after that.

use crate::config::Defaults;
use crate::plan::{CloudProvider, Component, Plan};

/// The provider a component runs on by its plan: its own, the plan's
/// primary, the project default.
pub fn own_provider(
    plan: &Plan,
    component: Option<&Component>,
    defaults: &Defaults,
) -> Option<CloudProvider> {
    component
        .and_then(|c| c.provider)
        .or_else(|| plan.providers.as_ref().map(|p| p.primary))
        .or(defaults.provider)
}

/// The provider to work on: `requested` when given, else the component's own.
pub fn provider(
    plan: &Plan,
    component: Option<&Component>,
    requested: Option<CloudProvider>,
    defaults: &Defaults,
) -> Option<CloudProvider> {
    requested.or_else(|| own_provider(plan, component, defaults))
}

/// The component's region on `provider`, when the plan or the project
/// names one.
pub fn region(
    plan: &Plan,
    component: Option<&Component>,
    provider: CloudProvider,
    defaults: &Defaults,
) -> Option<String> {
    let own = component
        .and_then(|c| c.region.clone())
        .filter(|_| own_provider(plan, component, defaults) == Some(provider));
    own.or_else(|| {
        plan.providers
            .as_ref()
            .and_then(|p| p.regions.as_ref())
            .and_then(|r| r.get(provider).cloned())
    })
    .or_else(|| defaults.regions.get(provider).cloned())
}

#[cfg(test)]
mod tests {
    use super::{own_provider, provider, region};
    use crate::config::Defaults;
    use crate::plan::{CloudProvider, Plan};

    fn plan() -> Plan {
        serde_saphyr::from_str(
            "version: 1
name: p
providers: { primary: azure, regions: { azure: westeurope, aws: eu-west-1 } }
components:
  - { id: db, type: database, provider: aws, region: eu-central-1 }
  - { id: app, type: compute, region: northeurope }
",
        )
        .unwrap()
    }

    #[test]
    fn the_component_then_the_plan_then_the_project() {
        let plan = plan();
        let defaults = Defaults {
            provider: Some(CloudProvider::Gcp),
            ..Defaults::default()
        };
        let db = plan.component("db");
        let app = plan.component("app");
        assert_eq!(own_provider(&plan, db, &defaults), Some(CloudProvider::Aws));
        assert_eq!(
            own_provider(&plan, app, &defaults),
            Some(CloudProvider::Azure)
        );
        // The component's region only on its own provider.
        assert_eq!(
            region(&plan, db, CloudProvider::Aws, &defaults).as_deref(),
            Some("eu-central-1")
        );
        assert_eq!(
            region(&plan, app, CloudProvider::Azure, &defaults).as_deref(),
            Some("northeurope")
        );
        // Asked for another provider: the plan's region for it.
        let asked = provider(&plan, app, Some(CloudProvider::Aws), &defaults);
        assert_eq!(asked, Some(CloudProvider::Aws));
        assert_eq!(
            region(&plan, app, CloudProvider::Aws, &defaults).as_deref(),
            Some("eu-west-1")
        );
        assert_eq!(region(&plan, app, CloudProvider::Gcp, &defaults), None);
    }
}
