//! What a managed service lets the user change of a computed configuration:
//! where to apply it, which settings need a restart, which the service fixes
//! or controls through another setting, and which no provider document
//! confirms either way.

use crate::catalog::managed::{Access, ManagedService};

use super::DbConfig;

/// Notes on applying `config` on `service`, in a fixed order.
pub fn notes(config: &DbConfig, service: &ManagedService) -> Vec<String> {
    let mut restart = Vec::new();
    let mut fixed = Vec::new();
    let mut absent = Vec::new();
    let mut indirect = Vec::new();
    let mut unconfirmed = Vec::new();
    let mut refused = Vec::new();
    for parameter in &config.parameters {
        let name = parameter.name;
        if let Some(setting) = service.settings.get(name)
            && !setting.allowed.is_empty()
            && !setting.allowed.contains(&parameter.value)
        {
            refused.push(format!(
                "{name} = {} (it accepts {})",
                parameter.value,
                setting.allowed.join(", ")
            ));
        }
        match service.settings.get(name) {
            Some(setting) => match setting.access {
                Access::Settable if setting.restart == Some(true) => restart.push(name.to_owned()),
                Access::Settable => {}
                Access::Fixed => fixed.push(name.to_owned()),
                Access::NotExposed => absent.push(name.to_owned()),
                Access::Indirect => indirect.push(match &setting.via {
                    Some(via) => format!("{name} (through {via})"),
                    None => name.to_owned(),
                }),
                Access::Unconfirmed => unconfirmed.push(name.to_owned()),
            },
            None => unconfirmed.push(name.to_owned()),
        }
    }
    let mut list = vec![format!(
        "on {}, apply these through its {}; see {}",
        service.name, service.mechanism, service.source
    )];
    let mut add = |items: Vec<String>, text: &str| {
        if !items.is_empty() {
            list.push(format!("{text}: {}", items.join(", ")));
        }
    };
    add(
        refused,
        &format!(
            "{} does not accept these values; use one it accepts",
            service.name
        ),
    );
    add(
        fixed,
        &format!(
            "{} sets these itself, so they cannot be applied",
            service.name
        ),
    );
    add(
        absent,
        &format!(
            "{} has no such settings (its size, tier or a service feature decides them)",
            service.name
        ),
    );
    add(indirect, "set only through another setting");
    add(restart, "a change needs a restart");
    add(
        unconfirmed,
        "whether the service lets you change these is not confirmed by its documentation",
    );
    list
}

#[cfg(test)]
mod tests {
    use super::notes;
    use crate::catalog::Catalog;
    use crate::engine::dbconfig::{DbConfigInput, Engine, Memory, MemoryUnit, configure};
    use crate::plan::CloudProvider;

    /// ElastiCache fixes maxmemory and has no AOF; a cache parameter group
    /// takes the eviction policy.
    #[test]
    fn elasticache_fixes_maxmemory_and_append_only() {
        let catalog = Catalog::load(None).unwrap();
        let service = catalog
            .managed_services()
            .find(CloudProvider::Aws, "redis", None)
            .unwrap();
        let config = configure(&DbConfigInput::new(
            Engine::Redis,
            Memory::new(8, MemoryUnit::Gb),
        ));
        let list = notes(&config, service);
        assert!(list[0].starts_with("on Amazon ElastiCache"), "{list:?}");
        assert!(
            list.iter()
                .any(|n| n.contains("cannot be applied") && n.contains("maxmemory, appendonly")),
            "{list:?}"
        );
        assert!(
            !list.iter().any(|n| n.contains("maxmemory-policy")),
            "{list:?}"
        );
    }

    /// Azure's flexible server offers no `io_uring` I/O method (PostgreSQL
    /// 18): the note says so, with the values it accepts.
    #[test]
    fn values_a_service_does_not_accept_are_named() {
        let catalog = Catalog::load(None).unwrap();
        let service = catalog
            .managed_services()
            .find(CloudProvider::Azure, "postgresql", None)
            .unwrap();
        let mut input = DbConfigInput::new(Engine::Postgresql, Memory::new(16, MemoryUnit::Gb));
        input.pg_version = 18;
        let config = configure(&input);
        assert_eq!(config.get("io_method"), Some("io_uring"));
        let list = notes(&config, service);
        assert!(
            list.iter()
                .any(|n| n.contains("does not accept these values")
                    && n.contains("io_method = io_uring (it accepts worker, sync)")),
            "{list:?}"
        );
    }

    /// `deployment.service` naming Aurora picks Aurora over RDS.
    #[test]
    fn a_named_service_wins_over_the_default() {
        let catalog = Catalog::load(None).unwrap();
        let services = catalog.managed_services();
        let pick = |text| {
            services
                .find(CloudProvider::Aws, "postgresql", text)
                .map(|s| s.name.as_str())
        };
        assert_eq!(pick(None), Some("Amazon RDS for PostgreSQL"));
        assert_eq!(
            pick(Some("Aurora PostgreSQL")),
            Some("Amazon Aurora PostgreSQL")
        );
        assert_eq!(
            services
                .find(CloudProvider::Gcp, "postgresql", None)
                .map(|s| s.name.as_str()),
            Some("Google Cloud SQL for PostgreSQL")
        );
    }
}
