//! docs/cli.md, the command-line reference, generated from the clap definitions so it
//! cannot drift from what `tre --help` says. A test compares the file with what this writes;
//! `TRE_UPDATE_DOCS=1 cargo test --bin tre` rewrites it after a change to the commands.

use clap::{Arg, Command, CommandFactory};

use crate::args::Cli;

/// The whole reference as Markdown.
pub fn markdown() -> String {
    let mut out = String::from(
        "# `tre` command reference\n\n\
         Generated from the command definitions (`src/bin/tre/args.rs` and the modules beside it) \
         by `TRE_UPDATE_DOCS=1 cargo test --bin tre`; do not edit by hand. The help texts are \
         Vietnamese, as the officer reads them in `tre --help`.\n\n\
         Exit codes: 0 success; 1 the command ran and found a problem (`check` found an error, \
         `dossier verify` found a changed, missing or added file, `assess import` kept \
         conflicts aside, `province import` found a dossier it could not count); 2 bad usage or bad input, with one Vietnamese line on stderr that \
         says what is wrong and what to do. The database is `--db`, else `$TRE_DB`, else the \
         user's data folder.\n",
    );
    let mut cmd = Cli::command();
    cmd.build();
    section(&mut out, &cmd, "tre");
    out
}

fn section(out: &mut String, cmd: &Command, path: &str) {
    let level = "#".repeat((path.matches(' ').count() + 2).min(4));
    out.push_str(&format!("\n{level} `{path}`\n\n"));
    if let Some(about) = cmd.get_about() {
        out.push_str(&format!("{about}\n\n"));
    }
    let mut usage = cmd.clone().bin_name(path.to_string());
    let usage = usage.render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ").trim();
    out.push_str(&format!("```\n{usage}\n```\n"));
    let args: Vec<&Arg> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !is_builtin(a))
        .filter(|a| path == "tre" || !a.is_global_set())
        .collect();
    if !args.is_empty() {
        out.push_str("\n| argument | meaning |\n|---|---|\n");
        for a in args {
            out.push_str(&format!("| `{}` | {} |\n", arg_name(a), help(a)));
        }
    }
    for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
        section(out, sub, &format!("{path} {}", sub.get_name()));
    }
}

fn is_builtin(a: &Arg) -> bool {
    matches!(a.get_id().as_str(), "help" | "version")
}

fn arg_name(a: &Arg) -> String {
    let value = a
        .get_value_names()
        .map(|v| {
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| a.get_id().to_string().to_uppercase());
    let takes_value = a.get_num_args().is_some_and(|n| n.takes_values());
    match a.get_long() {
        Some(long) if takes_value => format!("--{long} {value}"),
        Some(long) => format!("--{long}"),
        None => value,
    }
}

fn help(a: &Arg) -> String {
    let mut text = a
        .get_help()
        .map(|h| h.to_string())
        .unwrap_or_default()
        .replace('|', "\\|");
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| format!("`{}`", v.get_name()))
        .collect();
    if !values.is_empty() && a.get_num_args().is_some_and(|n| n.takes_values()) {
        text.push_str(&format!(" ({})", values.join(", ")));
    }
    if a.is_required_set() {
        text.push_str(" (bắt buộc)");
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn docs_cli_md_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md");
        let want = super::markdown();
        if std::env::var_os("TRE_UPDATE_DOCS").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            have == want,
            "docs/cli.md is not what the commands say: run `TRE_UPDATE_DOCS=1 cargo test --bin tre`"
        );
    }

    #[test]
    fn every_command_is_in_the_reference() {
        let text = super::markdown();
        for cmd in [
            "`tre plan new`",
            "`tre export report-6m`",
            "`tre assess catalog import`",
            "`tre dossier verify`",
            "`tre restore`",
        ] {
            assert!(text.contains(cmd), "{cmd}");
        }
        assert!(text.contains("--template MẪU"), "{text}");
    }
}
