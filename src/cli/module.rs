//! `infraplan module list|add|remove|assign|unassign`: the plan's modules
//! and the components each one runs on. Writes go through the shared path
//! in [`super::component`] (dry run, re-validation, atomic write).

use infraplan::plan::module::Role;
use infraplan::planops::module::{self as ops, NewModule};

use super::component::{ListFormat, WriteArgs, edit_plan, read, serialise, table};
use super::{CliError, Context, Outcome};

/// Arguments of `infraplan module`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do with the plan's modules.
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// List the modules and the components each one uses.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Append a module to `modules`.
    Add {
        /// Id of the new module (lower-case letters, digits, `-`, `_`).
        id: String,
        /// Human-readable name.
        #[arg(long)]
        name: Option<String>,
        /// What the module does.
        #[arg(long)]
        description: Option<String>,
        /// Owning team.
        #[arg(long)]
        owner: Option<String>,
        /// Write options.
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Remove a module and its mappings.
    Remove {
        /// Module id.
        id: String,
        /// Write options.
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Map a component to a module (or change the role of an existing mapping).
    Assign {
        /// Module id.
        module: String,
        /// Component id.
        component: String,
        /// What the component is to the module.
        #[arg(long, value_enum, default_value_t = RoleArg::Primary)]
        role: RoleArg,
        /// Write options.
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Remove a module's mapping to a component.
    Unassign {
        /// Module id.
        module: String,
        /// Component id.
        component: String,
        /// Write options.
        #[command(flatten)]
        write: WriteArgs,
    },
}

/// What a component is to a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RoleArg {
    /// The component the module normally uses.
    Primary,
    /// An additional component, e.g. a cache or replica.
    Secondary,
    /// Used only when the primary fails.
    Failover,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Primary => Self::Primary,
            RoleArg::Secondary => Self::Secondary,
            RoleArg::Failover => Self::Failover,
        }
    }
}

/// Runs `infraplan module …`.
pub fn run(context: &Context, args: &Args) -> Result<Outcome, CliError> {
    match &args.command {
        Command::List { format } => read(context, |loaded, _| Ok(list(&loaded.plan, *format))),
        Command::Add {
            id,
            name,
            description,
            owner,
            write,
        } => edit_plan(context, *write, |source| {
            ops::add(
                source,
                &NewModule {
                    id,
                    name: name.as_deref(),
                    description: description.as_deref(),
                    owner: owner.as_deref(),
                },
            )
        }),
        Command::Remove { id, write } => {
            edit_plan(context, *write, |source| ops::remove(source, id))
        }
        Command::Assign {
            module,
            component,
            role,
            write,
        } => edit_plan(context, *write, |source| {
            ops::assign(source, module, component, (*role).into())
        }),
        Command::Unassign {
            module,
            component,
            write,
        } => edit_plan(context, *write, |source| {
            ops::unassign(source, module, component)
        }),
    }
}

fn list(plan: &infraplan::plan::Plan, format: ListFormat) -> String {
    let rows = ops::summaries(plan);
    if format != ListFormat::Table {
        return serialise(&rows, format);
    }
    let mut out = table(&["id", "name", "owner", "components (role)"]);
    for row in &rows {
        let mapped: Vec<String> = row
            .infrastructure
            .iter()
            .map(|m| format!("{} ({})", m.component, m.role))
            .collect();
        out.add_row([
            row.id.clone(),
            row.name.clone().unwrap_or_default(),
            row.owner.clone().unwrap_or_default(),
            mapped.join(", "),
        ]);
    }
    format!("{out}\n")
}
