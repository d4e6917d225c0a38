//! Where provider regions are (`catalog/regions/locations.yaml`), so a
//! price missing in one region can point at the nearest regions that have
//! it instead of an alphabetical list.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::plan::CloudProvider;

/// Path of the region-locations file inside a catalog directory.
pub const LOCATIONS_PATH: &str = "regions/locations.yaml";

/// The region-locations file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LocationsFile {
    /// One entry per provider region.
    pub regions: Vec<RegionLocation>,
}

/// One provider region and the city it serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegionLocation {
    /// Cloud provider.
    pub provider: CloudProvider,
    /// Region code, e.g. `eu-central-1`.
    pub code: String,
    /// The metro area the provider names for it.
    pub city: String,
    /// Latitude of that city, in degrees.
    pub lat: f64,
    /// Longitude of that city, in degrees.
    pub lon: f64,
}

impl LocationsFile {
    /// The location of `code` for `provider`.
    pub fn find(&self, provider: CloudProvider, code: &str) -> Option<&RegionLocation> {
        self.regions
            .iter()
            .find(|r| r.provider == provider && r.code == code)
    }

    /// `candidates` ordered nearest to `from` first (great-circle distance);
    /// regions without a known location come last, by name.
    pub fn nearest_first(
        &self,
        provider: CloudProvider,
        from: &str,
        candidates: &[String],
    ) -> Vec<String> {
        let origin = self.find(provider, from);
        let mut ranked: Vec<(Option<i64>, &String)> = candidates
            .iter()
            .map(|code| {
                let km = origin
                    .zip(self.find(provider, code))
                    .map(|(a, b)| distance_km(a, b));
                (km, code)
            })
            .collect();
        ranked.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.1.cmp(b.1)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.1.cmp(b.1),
        });
        ranked.into_iter().map(|(_, code)| code.clone()).collect()
    }
}

/// Great-circle distance in whole kilometres (haversine, mean Earth radius).
#[allow(clippy::cast_possible_truncation)] // Below 20,040 km.
fn distance_km(a: &RegionLocation, b: &RegionLocation) -> i64 {
    const EARTH_RADIUS_KM: f64 = 6371.0;
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let d_lat = lat2 - lat1;
    let d_lon = (b.lon - a.lon).to_radians();
    let h = (d_lat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (d_lon / 2.0).sin().powi(2);
    (2.0 * EARTH_RADIUS_KM * h.sqrt().asin()).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(code: &str, lat: f64, lon: f64) -> RegionLocation {
        RegionLocation {
            provider: CloudProvider::Aws,
            code: code.to_owned(),
            city: code.to_owned(),
            lat,
            lon,
        }
    }

    #[test]
    fn london_to_frankfurt_is_about_640_km() {
        // Published great-circle distance London–Frankfurt: about 640 km.
        let km = distance_km(&at("a", 51.5, -0.1), &at("b", 50.1, 8.7));
        assert!((630..=650).contains(&km), "{km}");
    }

    #[test]
    fn nearest_regions_come_first() {
        let file = LocationsFile {
            regions: vec![
                at("sa-east-1", -23.5, -46.6),
                at("us-east-1", 38.9, -77.5),
                at("eu-west-1", 53.3, -6.3),
                at("us-west-2", 45.8, -119.7),
            ],
        };
        let order = file.nearest_first(
            CloudProvider::Aws,
            "sa-east-1",
            &[
                "eu-west-1".into(),
                "us-west-2".into(),
                "unknown-1".into(),
                "us-east-1".into(),
            ],
        );
        // From São Paulo: Virginia ~7,600 km, Dublin ~9,400 km, Oregon ~10,500 km.
        assert_eq!(order, ["us-east-1", "eu-west-1", "us-west-2", "unknown-1"]);
    }
}
