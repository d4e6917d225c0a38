//! `infraplan adr new|list|status|supersede|link|index|check|renumber`:
//! Architecture Decision Records in the ADR directory (`adr-dir` in
//! infraplan.toml, default `docs/adr`). The commands read flags, load the
//! directory, ask `engine::adr` for the changes and write them all or none;
//! mutating commands also refresh the README index when it has markers.

use infraplan::diag::{LineIndex, Severity};
use infraplan::engine::adr::directory::{LookupError, README};
use infraplan::engine::adr::lifecycle::{self, AdrError, Changeset, PlanFile};
use infraplan::engine::adr::record::label;
use infraplan::engine::adr::template::Template;
use infraplan::engine::adr::upsert::{self, GeneratedRecord};
use infraplan::engine::adr::{Directory, LinkKind, Status, check};
use infraplan::store::Locks;
use infraplan::store::changeset::{Change, CommitError};

use super::{CliError, Context, Outcome, output, render};

/// Arguments of `infraplan adr`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

/// `infraplan adr` subcommands.
#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Write a new record (status proposed) with the next free number; prints its path.
    New(NewArgs),
    /// List the records, optionally filtered by status or tag.
    List(super::adr_list::ListArgs),
    /// Move a record along its lifecycle: proposed → accepted | rejected, accepted → deprecated.
    Status(StatusArgs),
    /// Write a new record that supersedes record N; N becomes superseded (both files or neither).
    #[command(alias = "supercede")]
    Supersede(SupersedeArgs),
    /// Link two records with a typed link; the reverse is written into the target.
    Link(LinkArgs),
    /// Regenerate the index table between markers in the ADR directory's README.md.
    Index(IndexArgs),
    /// Check every record (numbers, names, statuses, links, front matter); exit 1 on problems.
    Check(CheckArgs),
    /// Give record N the number M, renaming its file and fixing every reference.
    Renumber(RenumberArgs),
}

/// Arguments of `adr new`.
#[derive(Debug, clap::Args)]
struct NewArgs {
    /// Title of the decision, e.g. `Use PostgreSQL for orders` (several words need no quotes).
    #[arg(required = true, num_args = 1.., value_name = "TITLE")]
    title: Vec<String>,
    /// Body layout.
    #[arg(long, value_enum, default_value_t = TemplateArg::Madr)]
    template: TemplateArg,
    /// Tag for the record (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Typed link to an existing record, e.g. `amends:3` or `relates-to:0007` (repeatable).
    #[arg(long = "link", value_name = "KIND:N")]
    links: Vec<String>,
    /// Open the new record in $VISUAL or $EDITOR after writing it.
    #[arg(long)]
    edit: bool,
    /// Print the files that would change instead of writing them.
    #[arg(long)]
    dry_run: bool,
}

/// Body layout of a new record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum TemplateArg {
    /// MADR 4: context, drivers, options, outcome, consequences, pros and cons.
    Madr,
    /// Nygard: status, context, decision, consequences.
    Nygard,
}

/// Arguments of `adr status`.
#[derive(Debug, clap::Args)]
struct StatusArgs {
    /// The record: a number (`3`, `0003`, `ADR-0003`) or its file name.
    record: String,
    /// The new status.
    #[arg(value_enum)]
    status: StatusArg,
    /// Print the files that would change instead of writing them.
    #[arg(long)]
    dry_run: bool,
}

/// A status `adr status` can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum StatusArg {
    /// The decision is in force.
    Accepted,
    /// The proposal was turned down.
    Rejected,
    /// The decision no longer applies.
    Deprecated,
    /// Refused with a pointer to `adr supersede`.
    #[value(hide = true)]
    Superseded,
    /// Refused: records never go back to proposed.
    #[value(hide = true)]
    Proposed,
}

impl From<StatusArg> for Status {
    fn from(value: StatusArg) -> Self {
        match value {
            StatusArg::Accepted => Self::Accepted,
            StatusArg::Rejected => Self::Rejected,
            StatusArg::Deprecated => Self::Deprecated,
            StatusArg::Superseded => Self::Superseded,
            StatusArg::Proposed => Self::Proposed,
        }
    }
}

/// Arguments of `adr supersede`.
#[derive(Debug, clap::Args)]
struct SupersedeArgs {
    /// The record to supersede (must be accepted): a number or its file name.
    record: String,
    #[command(flatten)]
    new: NewArgs,
}

/// Arguments of `adr link`.
#[derive(Debug, clap::Args)]
struct LinkArgs {
    /// The record that links.
    from: String,
    /// Link kind: amends, extends, depends-on, refines, relates-to (or a reverse such as amended-by).
    kind: String,
    /// The record linked to.
    to: String,
    /// Print the files that would change instead of writing them.
    #[arg(long)]
    dry_run: bool,
}

/// Arguments of `adr index`.
#[derive(Debug, clap::Args)]
struct IndexArgs {
    /// Exit 1 if the index is stale instead of writing it (for CI).
    #[arg(long)]
    check: bool,
    /// Print the README change instead of writing it.
    #[arg(long)]
    dry_run: bool,
}

/// Arguments of `adr check`.
#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    format: CheckFormat,
}

/// Output format of `adr check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CheckFormat {
    /// Compiler-style snippets on stderr.
    Human,
    /// JSON list on stdout.
    Json,
    /// GitHub Actions annotations on stdout.
    Github,
}

/// Arguments of `adr renumber`.
#[derive(Debug, clap::Args)]
struct RenumberArgs {
    /// The record: a number, or its file name when several records share the number.
    record: String,
    /// Its new number (must be free).
    number: u32,
    /// Print the files that would change instead of writing them.
    #[arg(long)]
    dry_run: bool,
}

/// Runs the command.
pub fn run(context: &Context, args: &Args) -> Result<Outcome, CliError> {
    let dir = context.adr_dir();
    // A command that writes locks before it reads, so a parallel run reads
    // what this one wrote (no duplicate numbers, no one-sided links).
    let locks = lock_for(context, &args.command, &dir)?;
    let directory = Directory::load(&dir).map_err(|source| CliError::Io {
        action: "read",
        path: dir.clone(),
        source,
    })?;
    match &args.command {
        Command::New(new) => create(context, &directory, locks, new, None),
        Command::Supersede(args) => {
            create(context, &directory, locks, &args.new, Some(&args.record))
        }
        Command::List(list_args) => super::adr_list::list(context, &directory, list_args),
        Command::Status(status) => {
            let changes =
                lifecycle::set_status(&directory, &status.record, status.status.into(), &today())
                    .map_err(adr_error)?;
            write(context, &directory, locks.as_ref(), changes)
        }
        Command::Link(link) => {
            let changes =
                lifecycle::link(&directory, &link.from, &link.kind, &link.to).map_err(adr_error)?;
            write(context, &directory, locks.as_ref(), changes)
        }
        Command::Index(index_args) => {
            index_command(context, &directory, locks.as_ref(), index_args)
        }
        Command::Check(check_args) => check_command(context, &directory, check_args),
        Command::Renumber(renumber) => {
            let plan = plan_file(context)?;
            let changes =
                lifecycle::renumber(&directory, &renumber.record, renumber.number, plan.as_ref())
                    .map_err(adr_error)?;
            write(context, &directory, locks.as_ref(), changes)
        }
    }
}

/// The write locks a command needs: none for reading or a dry run; the ADR
/// directory's, and for `renumber` also the plan's directory (it rewrites
/// references there).
fn lock_for(
    context: &Context,
    command: &Command,
    dir: &camino::Utf8Path,
) -> Result<Option<Locks>, CliError> {
    let plan_dir;
    let dirs: Vec<&camino::Utf8Path> = match command {
        Command::New(NewArgs { dry_run: false, .. })
        | Command::Supersede(SupersedeArgs {
            new: NewArgs { dry_run: false, .. },
            ..
        })
        | Command::Status(StatusArgs { dry_run: false, .. })
        | Command::Link(LinkArgs { dry_run: false, .. })
        | Command::Index(IndexArgs {
            check: false,
            dry_run: false,
        }) => vec![dir],
        Command::Renumber(RenumberArgs { dry_run: false, .. }) => {
            plan_dir = context
                .plan_path()
                .parent()
                .map_or_else(|| camino::Utf8PathBuf::from("."), ToOwned::to_owned);
            vec![dir, plan_dir.as_path()]
        }
        _ => return Ok(None),
    };
    Locks::acquire(&dirs)
        .map(Some)
        .map_err(|source| CliError::Io {
            action: "lock",
            path: dir.to_owned(),
            source,
        })
}

/// Writes (or with `dry_run` prints) what recording a computed decision
/// changes in the ADR directory: the one upsert rule of
/// [`upsert`](infraplan::engine::adr::upsert), under the directory's lock.
pub fn upsert_generated(
    context: &Context,
    decision: &dyn GeneratedRecord,
    supersede: bool,
    dry_run: bool,
) -> Result<(), CliError> {
    let dir = context.adr_dir();
    let locks = if dry_run {
        None
    } else {
        Some(Locks::acquire(&[&dir]).map_err(|source| CliError::Io {
            action: "lock",
            path: dir.clone(),
            source,
        })?)
    };
    let directory = Directory::load(&dir).map_err(|source| CliError::Io {
        action: "read",
        path: dir.clone(),
        source,
    })?;
    let changes = upsert::upsert(&directory, decision, supersede, &today()).map_err(adr_error)?;
    if changes.changes.is_empty() {
        if !context.quiet {
            for note in &changes.notes {
                ewriteln!("{note}");
            }
        }
        return Ok(());
    }
    write(context, &directory, locks.as_ref(), changes).map(|_| ())
}

/// Today's date (UTC), or the one `SOURCE_DATE_EPOCH` names, for
/// reproducible records.
pub fn today() -> String {
    super::clock::today()
}

fn create(
    context: &Context,
    directory: &Directory,
    locks: Option<Locks>,
    args: &NewArgs,
    supersedes: Option<&str>,
) -> Result<Outcome, CliError> {
    let title = args.title.join(" ").trim().to_owned();
    if title.is_empty() {
        return Err(usage(
            "the title is empty",
            "e.g. `infraplan adr new Use PostgreSQL for orders`",
        ));
    }
    let template = match args.template {
        TemplateArg::Madr => Template::Madr,
        TemplateArg::Nygard => Template::Nygard,
    };
    let date = today();
    let number = directory.next_number();
    let mut draft = lifecycle::draft(number, &title, template, args.tags.clone(), &date);
    if let Some(old) = supersedes {
        let record = directory.find(old).map_err(|e| adr_error(e.into()))?;
        draft.front.supersedes.push(record.label());
    }
    for link in &args.links {
        let Some((kind, target)) = link.rsplit_once(':') else {
            return Err(usage(
                &format!("`--link {link}` is not KIND:N"),
                "e.g. `--link amends:3` or `--link relates-to:ADR-0007`",
            ));
        };
        lifecycle::add_link(&mut draft, directory, kind, target).map_err(adr_error)?;
    }
    let changes = lifecycle::create(directory, &draft, &date).map_err(adr_error)?;
    let created = changes.created.clone();
    let outcome = write(context, directory, locks.as_ref(), changes)?;
    // Other runs may write again while the editor is open.
    drop(locks);
    if let Some(path) = created.filter(|_| !args.dry_run) {
        output::print(&format!("{path}\n"))?;
        if args.edit {
            open_editor(&path)?;
        }
    }
    Ok(outcome)
}

/// Writes a changeset (plus the README index when it has markers) under
/// `locks`, or prints it when there are none (a dry run).
fn write(
    context: &Context,
    directory: &Directory,
    locks: Option<&Locks>,
    mut changes: Changeset,
) -> Result<Outcome, CliError> {
    if !changes.changes.is_empty()
        && let Some(index) =
            lifecycle::index_change(directory, &changes.changes, false).map_err(adr_error)?
    {
        changes
            .notes
            .push(format!("refreshed the index in {}", index.path));
        changes.changes.push(index);
    }
    let Some(locks) = locks else {
        output::print(&preview(&changes.changes))?;
        return Ok(Outcome::Success);
    };
    locks.commit(&changes.changes).map_err(commit_error)?;
    if !context.quiet {
        for note in &changes.notes {
            ewriteln!("{note}");
        }
    }
    Ok(Outcome::Success)
}

/// The changes as unified diffs.
pub fn preview(changes: &[Change]) -> String {
    let mut out = String::new();
    for change in changes {
        let before = change
            .before
            .as_deref()
            .map(String::from_utf8_lossy)
            .unwrap_or_default();
        let after = change.after.as_deref().unwrap_or("");
        out.push_str(&infraplan::edit::unified_diff(&change.path, &before, after));
    }
    if out.is_empty() {
        out.push_str("(no changes)\n");
    }
    out
}

fn open_editor(path: &camino::Utf8Path) -> Result<(), CliError> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|e| !e.trim().is_empty())
        })
        .ok_or_else(|| {
            usage(
                "--edit needs $VISUAL or $EDITOR",
                "e.g. `EDITOR=vim infraplan adr new --edit …`; the record was written",
            )
        })?;
    let status = if cfg!(windows) {
        std::process::Command::new(&editor)
            .arg(path.as_str())
            .status()
    } else {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("sh")
            .arg(path.as_str())
            .status()
    };
    match status {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(usage(
            &format!("the editor `{editor}` exited with {status}"),
            "the record was written; edit it by hand",
        )),
        Err(source) => Err(CliError::Io {
            action: "run the editor for",
            path: path.to_owned(),
            source,
        }),
    }
}

fn index_command(
    context: &Context,
    directory: &Directory,
    locks: Option<&Locks>,
    args: &IndexArgs,
) -> Result<Outcome, CliError> {
    let change = lifecycle::index_change(directory, &[], true).map_err(adr_error)?;
    let path = directory.dir.join(README);
    let Some(change) = change else {
        if !context.quiet {
            ewriteln!("{path} is up to date");
        }
        return Ok(Outcome::Success);
    };
    if args.check {
        ewriteln!("{path} is stale; run `infraplan adr index`");
        return Ok(Outcome::Failed);
    }
    let Some(locks) = locks else {
        output::print(&preview(&[change]))?;
        return Ok(Outcome::Success);
    };
    locks.commit(&[change]).map_err(commit_error)?;
    if !context.quiet {
        ewriteln!(
            "wrote the index of {} record(s) to {path}",
            directory.records.len()
        );
    }
    Ok(Outcome::Success)
}

fn check_command(
    context: &Context,
    directory: &Directory,
    args: &CheckArgs,
) -> Result<Outcome, CliError> {
    let mut problems = check::check(directory);
    if let Some(plan) = plan_file(context)? {
        problems.extend(check::check_plan(&plan.path, &plan.text, directory));
    }
    let errors = problems
        .iter()
        .filter(|p| p.finding.severity == Severity::Error)
        .count();
    match args.format {
        CheckFormat::Human => {
            for problem in &problems {
                ewrite!(
                    "{}",
                    render::human(
                        problem.file.as_str(),
                        &problem.text,
                        &problem.finding,
                        context.color
                    )
                );
            }
        }
        CheckFormat::Json => {
            let located: Vec<render::Located<'_>> = problems
                .iter()
                .map(|p| {
                    render::locate(
                        p.file.as_str(),
                        &p.text,
                        &LineIndex::new(&p.text),
                        &p.finding,
                    )
                })
                .collect();
            let text = super::output::json(&located)?;
            output::print(&text)?;
        }
        CheckFormat::Github => {
            let mut text = String::new();
            for p in &problems {
                text.push_str(&render::github(&render::locate(
                    p.file.as_str(),
                    &p.text,
                    &LineIndex::new(&p.text),
                    &p.finding,
                )));
            }
            output::print(&text)?;
        }
    }
    if !context.quiet || errors > 0 {
        let summary = match problems.len() {
            0 => "no problems".to_owned(),
            1 => "1 problem".to_owned(),
            n => format!("{n} problems"),
        };
        ewriteln!(
            "{}: {} record(s), {summary}",
            directory.dir,
            directory.records.len()
        );
    }
    Ok(if errors > 0 {
        Outcome::Failed
    } else {
        Outcome::Success
    })
}

/// The plan, when one exists (or was named with --plan, which must exist).
fn plan_file(context: &Context) -> Result<Option<PlanFile>, CliError> {
    let path = context.plan_path();
    if context.plan_flag.is_none() && !path.exists() {
        return Ok(None);
    }
    let text = super::loading::read_file(&path)?;
    Ok(Some(PlanFile { path, text }))
}

fn usage(message: &str, help: &str) -> CliError {
    CliError::Usage {
        message: message.to_owned(),
        help: Some(help.to_owned()),
    }
}

/// An engine refusal as a usage error with a help line.
#[allow(
    clippy::needless_pass_by_value,
    reason = "used as `map_err(adr_error)`"
)]
pub fn adr_error(error: AdrError) -> CliError {
    let help = match &error {
        AdrError::Lookup(LookupError::NotFound { highest, .. }) => Some(match highest {
            Some(h) => format!(
                "records run up to {}; `infraplan adr list` shows them",
                label(*h)
            ),
            None => {
                "the ADR directory has no records yet; `infraplan adr new TITLE` writes the first"
                    .to_owned()
            }
        }),
        AdrError::NumberOutOfRange { .. } => Some(
            "renumber to a free number from 1 to 9999 (`infraplan adr list` shows the records)"
                .to_owned(),
        ),
        AdrError::Accepted { .. } => Some(
            "add --supersede to propose a new record that supersedes it, or run without --adr"
                .to_owned(),
        ),
        AdrError::Lookup(LookupError::Ambiguous { files, .. }) => Some(format!(
            "name the file instead (e.g. `{}`), and fix the clash with `infraplan adr renumber`",
            files.last().cloned().unwrap_or_default()
        )),
        AdrError::Lookup(LookupError::Bad(_)) => {
            Some("write a number (`3`, `0003`, `ADR-0003`) or the record's file name".to_owned())
        }
        AdrError::Lifecycle { help, .. } => Some(help.clone()),
        AdrError::LinkKind(_) => Some(format!("known kinds: {}", LinkKind::known().join(", "))),
        AdrError::Unreadable { .. } | AdrError::Edit { .. } | AdrError::Blocks { .. } => {
            Some("fix the record by hand first; `infraplan adr check` shows where".to_owned())
        }
        AdrError::NumberTaken { .. } => {
            Some("pick a free number; `infraplan adr list` shows the used ones".to_owned())
        }
        AdrError::Link(_) => None,
    };
    CliError::Usage {
        message: error.to_string(),
        help,
    }
}

/// A failed multi-file write as a CLI error.
pub fn commit_error(error: CommitError) -> CliError {
    match error {
        CommitError::Io {
            path,
            source,
            restored,
        } => CliError::Io {
            action: if restored {
                "write (nothing was changed)"
            } else {
                "write (restore failed)"
            },
            path,
            source,
        },
        other => CliError::Usage {
            message: other.to_string(),
            help: Some("run the command again".to_owned()),
        },
    }
}
