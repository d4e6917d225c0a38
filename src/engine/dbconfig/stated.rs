//! Settings the plan states. A stated value is a decision the architect has
//! made, so it wins over the computed one; where the two differ the output
//! shows both, so the reader can see what the method would have chosen.

use super::{DbConfig, Parameter};

/// One setting the plan states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedParameter {
    /// Name as the engine's config file (or cluster list) spells it.
    pub name: &'static str,
    /// Value as the config file spells it.
    pub value: String,
    /// Where the plan states it, e.g. `postgresql.parameters.shared_buffers`.
    pub at: &'static str,
    /// A cluster-level setting rather than a server-file one.
    pub cluster: bool,
}

/// Everything the plan states that `db config` would otherwise compute.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatedSettings {
    /// Server and cluster settings, in the plan's order.
    pub parameters: Vec<StatedParameter>,
    /// Dedicated master nodes (Elasticsearch `topology.masterNodes`).
    pub master_nodes: Option<u32>,
    /// Shards of a sharded MongoDB cluster (`mongodb.sharding.numShards`).
    pub mongodb_shards: Option<u32>,
}

impl StatedSettings {
    /// `over` on top of `self`: a parameter in `over` replaces the one of the
    /// same name.
    #[must_use]
    pub fn overlay(self, over: Self) -> Self {
        let mut parameters: Vec<StatedParameter> = self
            .parameters
            .into_iter()
            .filter(|p| !over.parameters.iter().any(|o| o.name == p.name))
            .collect();
        parameters.extend(over.parameters);
        Self {
            parameters,
            master_nodes: over.master_nodes.or(self.master_nodes),
            mongodb_shards: over.mongodb_shards.or(self.mongodb_shards),
        }
    }

    /// A server-file setting.
    pub fn push(&mut self, name: &'static str, value: &impl ToString, at: &'static str) {
        self.parameters.push(StatedParameter {
            name,
            value: value.to_string(),
            at,
            cluster: false,
        });
    }

    /// A cluster-level setting.
    pub fn push_cluster(&mut self, name: &'static str, value: &impl ToString, at: &'static str) {
        self.parameters.push(StatedParameter {
            name,
            value: value.to_string(),
            at,
            cluster: true,
        });
    }
}

/// Puts every stated setting over the computed one, with a note for each
/// that differs and for each the method does not compute at all.
pub fn apply(config: &mut DbConfig, stated: &StatedSettings) {
    for setting in &stated.parameters {
        let list = if setting.cluster {
            &mut config.cluster
        } else {
            &mut config.parameters
        };
        match list.iter_mut().find(|p| p.name == setting.name) {
            Some(computed) if computed.value == setting.value => {}
            Some(computed) => {
                config.notes.push(format!(
                    "{}: {} as the plan states ({}); computed for this server: {}",
                    setting.name, setting.value, setting.at, computed.value
                ));
                computed.value.clone_from(&setting.value);
            }
            None => {
                config.notes.push(format!(
                    "{}: {} as the plan states ({}); not a setting the method computes",
                    setting.name, setting.value, setting.at
                ));
                list.push(Parameter::new(setting.name, &setting.value));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{StatedSettings, apply};
    use crate::engine::dbconfig::{DbConfig, Engine, Parameter};

    fn config() -> DbConfig {
        DbConfig {
            engine: Engine::Postgresql,
            header: Vec::new(),
            parameters: vec![
                Parameter::new("shared_buffers", "2GB"),
                Parameter::new("work_mem", "5041kB"),
            ],
            cluster: Vec::new(),
            warnings: Vec::new(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn a_stated_value_wins_and_the_computed_one_is_shown() {
        let mut stated = StatedSettings::default();
        stated.push(
            "shared_buffers",
            &"4GB",
            "postgresql.parameters.shared_buffers",
        );
        stated.push("work_mem", &"5041kB", "postgresql.parameters.work_mem");
        let mut config = config();
        apply(&mut config, &stated);
        assert_eq!(config.get("shared_buffers"), Some("4GB"));
        assert_eq!(
            config.notes,
            [
                "shared_buffers: 4GB as the plan states (postgresql.parameters.shared_buffers); \
              computed for this server: 2GB"
            ]
        );
    }

    #[test]
    fn a_setting_the_method_does_not_compute_is_added_and_noted() {
        let mut stated = StatedSettings::default();
        stated.push_cluster(
            "index.number_of_shards",
            &3,
            "elasticsearch.indexSettings.numberOfShards",
        );
        let mut config = config();
        apply(&mut config, &stated);
        assert_eq!(config.cluster_value("index.number_of_shards"), Some("3"));
        assert_eq!(config.notes.len(), 1);
    }

    #[test]
    fn a_later_layer_replaces_a_setting_of_the_same_name() {
        let mut base = StatedSettings::default();
        base.push(
            "max_connections",
            &500,
            "postgresql.parameters.max_connections",
        );
        base.push("work_mem", &"8MB", "postgresql.parameters.work_mem");
        let mut over = StatedSettings::default();
        over.push(
            "max_connections",
            &200,
            "postgresql.parameters.max_connections",
        );
        let merged = base.overlay(over);
        let values: Vec<(&str, &str)> = merged
            .parameters
            .iter()
            .map(|p| (p.name, p.value.as_str()))
            .collect();
        assert_eq!(values, [("work_mem", "8MB"), ("max_connections", "200")]);
    }
}
