//! Pricing rules for functions as a service: invocations, memory-time and,
//! where a provider bills it apart (Cloud Run), CPU-time, as the billing
//! rules name them. Monthly free grants are account-wide, not per function,
//! so they are not subtracted: the figure is what the functions cost beyond
//! any free tier the account still has.

use super::context::{Priced, PricingContext};
use super::quantity::Quantity;
use super::report::Bucket;
use crate::catalog::billing::ServerlessCpu;
use crate::plan::component::ServerlessConfig;

/// Prices a `serverless` section.
pub fn serverless(ctx: &PricingContext<'_>, config: &ServerlessConfig, out: &mut Priced) {
    let Some(rules) = &ctx.rules.serverless else {
        out.unpriced("functions", ctx.no_rule("serverless functions"));
        return;
    };
    out.tier(&rules.name);
    #[allow(clippy::cast_precision_loss)]
    let invocations = ctx.env.volume(config.invocations_per_month as f64);
    let seconds = invocations * f64::from(config.avg_duration_ms) / 1000.0;
    // Providers bill memory in GB of 1,024 MB (AWS, Azure) or GiB (Cloud Run).
    let memory_gb = f64::from(config.memory_mb) / 1024.0;
    match ctx.book.find(&rules.requests) {
        Ok(price) => out.line(
            format!("{} invocations", Quantity::from_f64(invocations)),
            Quantity::from_f64(invocations / price.unit.count_per_unit()),
            price,
            Bucket::Compute,
            None,
        ),
        Err(reason) => out.unpriced("invocations", reason),
    }
    match ctx.book.find(&rules.memory) {
        Ok(price) => out.line(
            format!(
                "memory-time: {} s × {memory_gb} GB ({} MB)",
                Quantity::from_f64(seconds),
                config.memory_mb
            ),
            Quantity::from_f64(seconds * memory_gb / price.unit.count_per_unit()),
            price,
            Bucket::Compute,
            None,
        ),
        Err(reason) => out.unpriced("memory-time", reason),
    }
    if let Some(cpu) = &rules.cpu {
        let vcpu = vcpus_for(cpu, config.memory_mb);
        match (ctx.book.find(&cpu.sku), vcpu) {
            (Ok(price), Some(vcpu)) => out.line(
                format!("CPU-time: {} s × {vcpu} vCPU", Quantity::from_f64(seconds)),
                Quantity::from_f64(seconds * vcpu / price.unit.count_per_unit()),
                price,
                Bucket::Compute,
                None,
            ),
            (Err(reason), _) => out.unpriced("CPU-time", reason),
            (_, None) => out.unpriced(
                "CPU-time",
                format!(
                    "the billing rules give no vCPU count for {} MB of memory",
                    config.memory_mb
                ),
            ),
        }
    }
    out.note(format!(
        "{}: billed per invocation and per second of configured memory{}; account-wide free grants are not subtracted ({}).",
        rules.name,
        if rules.cpu.is_some() { " and CPU" } else { "" },
        rules.source
    ));
}

/// The vCPUs the first step at least as large as `memory_mb` gives.
fn vcpus_for(cpu: &ServerlessCpu, memory_mb: u32) -> Option<f64> {
    cpu.by_memory
        .iter()
        .find(|step| step.memory_mb >= memory_mb)
        .map(|step| step.vcpu)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::billing::{CpuStep, SkuRef};

    #[test]
    fn memory_sizes_round_up_to_the_next_cpu_step() {
        let cpu = ServerlessCpu {
            sku: SkuRef {
                service: "Cloud Run functions".to_owned(),
                sku: "CPU".to_owned(),
            },
            by_memory: vec![
                CpuStep {
                    memory_mb: 256,
                    vcpu: 0.167,
                },
                CpuStep {
                    memory_mb: 1024,
                    vcpu: 0.583,
                },
            ],
            source: String::new(),
        };
        assert_eq!(vcpus_for(&cpu, 128), Some(0.167));
        assert_eq!(vcpus_for(&cpu, 256), Some(0.167));
        assert_eq!(vcpus_for(&cpu, 512), Some(0.583));
        assert_eq!(vcpus_for(&cpu, 2048), None);
    }
}
