//! Provider configuration (the specification's `cloud_provider_configs`):
//! which provider is primary, each provider's region and secondary regions,
//! and the cost-allocation tags put on every resource. In a plan these live
//! under `providers` (`primary`, `regions.<provider>`,
//! `secondaryRegions.<provider>`, `costAllocationTags.<key>`).

use serde::Serialize;

use crate::edit::{Edit, PlanPath, Value};
use crate::plan::{CloudProvider, Plan};

use super::{Change, PlanOpsError, Source, lookup, root};

/// One provider's configuration, as `provider list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderSummary {
    /// `azure`, `aws` or `gcp`.
    pub provider: String,
    /// Whether it is the plan's primary provider.
    pub primary: bool,
    /// Its primary region, when the plan names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Its secondary regions.
    pub secondary_regions: Vec<String>,
    /// Components that run on it (their own provider, or the primary).
    pub components: Vec<String>,
}

/// Every provider the plan configures or uses, in `azure`, `aws`, `gcp`
/// order.
pub fn summaries(plan: &Plan) -> Vec<ProviderSummary> {
    let providers = plan.providers.as_ref();
    CloudProvider::ALL
        .into_iter()
        .map(|provider| {
            let region = providers
                .and_then(|p| p.regions.as_ref())
                .and_then(|r| r.get(provider).cloned());
            let secondary_regions = providers
                .and_then(|p| p.secondary_regions.as_ref())
                .and_then(|r| r.get(provider).cloned())
                .unwrap_or_default();
            let primary = providers.is_some_and(|p| p.primary == provider);
            let components = plan
                .components
                .iter()
                .filter(|c| c.provider.or(providers.map(|p| p.primary)) == Some(provider))
                .map(|c| c.id.as_str().to_owned())
                .collect();
            ProviderSummary {
                provider: provider.as_str().to_owned(),
                primary,
                region,
                secondary_regions,
                components,
            }
        })
        .filter(|s| s.primary || s.region.is_some() || !s.components.is_empty())
        .collect()
}

/// What `provider set` changes.
#[derive(Debug, Clone)]
pub struct ProviderSettings<'a> {
    /// The provider configured.
    pub provider: CloudProvider,
    /// Its primary region.
    pub region: Option<&'a str>,
    /// Make it the plan's primary provider.
    pub primary: bool,
    /// Secondary regions to add (ones already listed are skipped).
    pub secondary_regions: &'a [String],
    /// Cost-allocation tags to set, as `(key, value)`.
    pub tags: &'a [(String, String)],
    /// Cost-allocation tags to remove.
    pub untag: &'a [String],
}

/// Reads a `KEY=VALUE` tag.
pub fn parse_tag(text: &str) -> Result<(String, String), PlanOpsError> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(PlanOpsError::BadAssignment {
            text: text.to_owned(),
            reason: "a tag is KEY=VALUE, e.g. `cost-center=cc-4210`".to_owned(),
        }),
    }
}

/// The edits for `provider set`. A plan without a `providers` section gets
/// one, with this provider as its primary.
pub fn set(source: &Source<'_>, settings: &ProviderSettings<'_>) -> Result<Change, PlanOpsError> {
    let name = settings.provider.as_str();
    let providers = root("providers");
    let mut change = Change::new(format!("configured provider `{name}`"));
    let current = source.plan.providers.as_ref();
    if current.is_none() && !settings.primary {
        change.notes.push(format!(
            "the plan had no `providers` section; `{name}` is its primary provider now"
        ));
    }
    if settings.primary || current.is_none() {
        change.edits.push(Edit::Set(
            providers.clone().key("primary"),
            Value::from(name),
        ));
    }
    if let Some(region) = settings.region {
        change.edits.push(Edit::Set(
            providers.clone().key("regions").key(name),
            Value::from(region),
        ));
    }
    secondary_regions(source, settings, &mut change);
    for (key, value) in settings.tags {
        change
            .edits
            .push(Edit::Set(tag_path(key), Value::from(value.as_str())));
    }
    untag(source, settings, &mut change);
    Ok(change)
}

/// Appends secondary regions not listed yet.
fn secondary_regions(source: &Source<'_>, settings: &ProviderSettings<'_>, change: &mut Change) {
    let name = settings.provider.as_str();
    let listed: Vec<String> = source
        .plan
        .providers
        .as_ref()
        .and_then(|p| p.secondary_regions.as_ref())
        .and_then(|r| r.get(settings.provider).cloned())
        .unwrap_or_default();
    let mut added: Vec<&str> = Vec::new();
    for region in settings.secondary_regions {
        if listed.contains(region) || added.contains(&region.as_str()) {
            change.notes.push(format!(
                "`{region}` is already a secondary region of `{name}`"
            ));
            continue;
        }
        added.push(region);
        change.edits.push(Edit::Append(
            root("providers").key("secondaryRegions").key(name),
            Value::from(region.as_str()),
        ));
    }
}

/// Removes tags; removing every tag removes `costAllocationTags` rather
/// than leave `{}` behind.
fn untag(source: &Source<'_>, settings: &ProviderSettings<'_>, change: &mut Change) {
    let current: Vec<&String> = source
        .plan
        .providers
        .as_ref()
        .map(|p| p.cost_allocation_tags.keys().collect())
        .unwrap_or_default();
    let emptied = settings.tags.is_empty()
        && !current.is_empty()
        && current.iter().all(|key| settings.untag.contains(key));
    if emptied {
        change
            .edits
            .push(Edit::Remove(root("providers").key("costAllocationTags")));
    }
    for key in settings.untag {
        let path = tag_path(key);
        if lookup(&source.tree, path.segments()).is_none() {
            change.notes.push(format!(
                "cost-allocation tag `{key}` is not set; nothing to remove"
            ));
        } else if !emptied {
            change.edits.push(Edit::Remove(path));
        }
    }
}

fn tag_path(key: &str) -> PlanPath {
    root("providers").key("costAllocationTags").key(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::validate::validate;

    fn run(plan_text: &str, settings: &ProviderSettings<'_>) -> (String, Vec<String>) {
        let catalog = Catalog::load(None).unwrap();
        let plan = validate(plan_text, &catalog).plan.expect("valid");
        let source = Source::new(plan_text, &plan).unwrap();
        let change = set(&source, settings).unwrap();
        let text = crate::edit::apply(plan_text, &change.edits).unwrap();
        (text, change.notes)
    }

    fn settings(provider: CloudProvider) -> ProviderSettings<'static> {
        ProviderSettings {
            provider,
            region: None,
            primary: false,
            secondary_regions: &[],
            tags: &[],
            untag: &[],
        }
    }

    #[test]
    fn regions_and_primary_go_under_providers() {
        let plan = "version: 1\nname: t\nproviders:\n  primary: azure\n  regions: { azure: eastus }\ncomponents: []\n";
        let (text, _) = run(
            plan,
            &ProviderSettings {
                region: Some("us-east-1"),
                primary: true,
                ..settings(CloudProvider::Aws)
            },
        );
        assert_eq!(
            text,
            "version: 1\nname: t\nproviders:\n  primary: aws\n  regions: { azure: eastus, aws: us-east-1 }\ncomponents: []\n"
        );
    }

    #[test]
    fn a_plan_without_providers_gets_its_first_as_primary() {
        let plan = "version: 1\nname: t\ncomponents: []\n";
        let tags = [("team".to_owned(), "platform".to_owned())];
        let (text, notes) = run(
            plan,
            &ProviderSettings {
                region: Some("europe-west1"),
                tags: &tags,
                ..settings(CloudProvider::Gcp)
            },
        );
        assert!(text.contains("providers:\n  primary: gcp\n"), "{text}");
        assert!(
            text.contains("costAllocationTags:\n    team: platform\n"),
            "{text}"
        );
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn tags_parse_and_secondary_regions_are_not_repeated() {
        assert_eq!(
            parse_tag("cost-center=cc=1").unwrap(),
            ("cost-center".to_owned(), "cc=1".to_owned())
        );
        assert!(parse_tag("=x").is_err());
        assert!(parse_tag("x").is_err());
        let plan = "version: 1\nname: t\nproviders:\n  primary: aws\n  regions: { aws: us-east-1 }\n  secondaryRegions: { aws: [us-west-2] }\ncomponents: []\n";
        let regions = ["us-west-2".to_owned(), "eu-west-1".to_owned()];
        let (text, notes) = run(
            plan,
            &ProviderSettings {
                secondary_regions: &regions,
                ..settings(CloudProvider::Aws)
            },
        );
        assert!(text.contains("aws: [us-west-2, eu-west-1]"), "{text}");
        assert_eq!(notes.len(), 1);
    }
}
