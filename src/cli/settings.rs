//! Settings from a config file, under the command line. hark reads `--config FILE` (or
//! `HARK_CONFIG`), else `~/.config/hark/config.toml` when it exists, and gives each option the
//! first value it finds: a flag, then the option's environment variable, then the preset chosen
//! with `--preset NAME`, then the file's table for the subcommand, then the file's top level,
//! then hark's default.
//!
//! ```toml
//! voice = "piper:en_US-joe-medium"     # every subcommand that takes --voice
//! [podcast]
//! feed-title = "Morning Edition"
//! base-url = "https://example.org/audio/"
//! [preset.slow.export]
//! rate = "0.9"
//! ```
//!
//! Keys are the long flags without their dashes. The file's values become flags placed after
//! the user's own, for the options the user left alone, so clap checks them exactly as it checks
//! a flag; a key no subcommand takes is an error that names the file and the key.

use clap::parser::ValueSource;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The subcommands a config file can set options of.
pub const CONFIGURABLE: &[&str] = &["markup", "export", "podcast", "speak"];

/// Where an option's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag,
    Environment(String),
    Preset(String),
    File { path: PathBuf, table: String },
    Default,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Flag => write!(f, "command line"),
            Source::Environment(name) => write!(f, "environment ({name})"),
            Source::Preset(name) => write!(f, "preset {name}"),
            Source::File { path, table } => write!(f, "{} [{table}]", path.display()),
            Source::Default => write!(f, "default"),
        }
    }
}

/// The config file in force: `--config`/`HARK_CONFIG` (which must exist), else the user's
/// `~/.config/hark/config.toml` if there is one.
pub fn config_path(given: Option<&Path>) -> Result<Option<PathBuf>, String> {
    if let Some(path) = given {
        return if path.is_file() {
            Ok(Some(path.to_path_buf()))
        } else {
            Err(format!(
                "the config file {} does not exist (write one, or leave --config out)",
                path.display()
            ))
        };
    }
    Ok(dirs::config_dir()
        .map(|d| d.join("hark").join("config.toml"))
        .filter(|p| p.is_file()))
}

/// A parsed config file.
pub struct Config {
    path: PathBuf,
    table: toml::Table,
}

impl Config {
    /// Reads and parses `path`.
    pub fn read(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the config file {}: {e}", path.display()))?;
        let table: toml::Table = toml::from_str(&text)
            .map_err(|e| format!("the config file {} is not valid TOML: {e}", path.display()))?;
        Ok(Config {
            path: path.to_path_buf(),
            table,
        })
    }

    /// The values for `subcommand`, most important last: the top level, the subcommand's
    /// table, then the preset's top level and its table for the subcommand.
    fn layers(&self, subcommand: &str, preset: Option<&str>) -> Result<Vec<Layer<'_>>, String> {
        let file = |table: &str| Source::File {
            path: self.path.clone(),
            table: table.to_string(),
        };
        let mut layers = vec![Layer {
            values: &self.table,
            source: file("top level"),
            strict: false,
        }];
        if let Some(t) = self.table.get(subcommand).and_then(toml::Value::as_table) {
            layers.push(Layer {
                values: t,
                source: file(subcommand),
                strict: true,
            });
        }
        if let Some(name) = preset {
            let presets = self.table.get("preset").and_then(toml::Value::as_table);
            let Some(chosen) = presets
                .and_then(|p| p.get(name))
                .and_then(toml::Value::as_table)
            else {
                let names: Vec<&String> = presets.map(|p| p.keys().collect()).unwrap_or_default();
                return Err(format!(
                    "no preset '{name}' in {} (it has: {})",
                    self.path.display(),
                    if names.is_empty() {
                        "none; add a [preset.NAME] table".to_string()
                    } else {
                        names
                            .iter()
                            .map(|n| n.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                ));
            };
            layers.push(Layer {
                values: chosen,
                source: Source::Preset(name.to_string()),
                strict: false,
            });
            if let Some(t) = chosen.get(subcommand).and_then(toml::Value::as_table) {
                layers.push(Layer {
                    values: t,
                    source: Source::Preset(format!("{name} [{subcommand}]")),
                    strict: true,
                });
            }
        }
        Ok(layers)
    }

    /// Checks every key against the options the subcommands take, so that a misspelt key is an
    /// error rather than a setting silently ignored.
    pub fn check(&self, root: &clap::Command) -> Result<(), String> {
        let takes = |sub: &str, key: &str| {
            root.find_subcommand(sub)
                .is_some_and(|c| c.get_arguments().any(|a| a.get_long() == Some(key)))
        };
        let anywhere = |key: &str| CONFIGURABLE.iter().any(|s| takes(s, key));
        let check_table = |table: &toml::Table, place: &str| -> Result<(), String> {
            for (key, value) in table {
                if is_subcommand_table(key, value) {
                    let sub = key.as_str();
                    for inner in value.as_table().into_iter().flat_map(|t| t.keys()) {
                        if !takes(sub, inner) {
                            return Err(format!(
                                "{}: {place}[{sub}] sets '{inner}', which `hark {sub}` does not take (see `hark {sub} --help`)",
                                self.path.display()
                            ));
                        }
                    }
                } else if !anywhere(key) {
                    return Err(format!(
                        "{}: {place}'{key}' is not an option of any subcommand (keys are long flags without the dashes, such as voice or feed-title)",
                        self.path.display()
                    ));
                }
            }
            Ok(())
        };
        let mut top = self.table.clone();
        let presets = top.remove("preset");
        check_table(&top, "")?;
        if let Some(presets) = presets {
            let Some(presets) = presets.as_table() else {
                return Err(format!(
                    "{}: 'preset' must be tables, as [preset.NAME]",
                    self.path.display()
                ));
            };
            for (name, preset) in presets {
                let Some(preset) = preset.as_table() else {
                    return Err(format!(
                        "{}: preset '{name}' must be a table, as [preset.{name}]",
                        self.path.display()
                    ));
                };
                check_table(preset, &format!("[preset.{name}] "))?;
            }
        }
        Ok(())
    }
}

/// One table of values and where it came from.
struct Layer<'a> {
    values: &'a toml::Table,
    source: Source,
    /// Every key must be an option of the subcommand (its own table); the top levels may
    /// hold options of other subcommands too.
    strict: bool,
}

/// An option's effective value and where it came from, for `hark config show`.
pub struct Setting {
    pub key: String,
    pub value: String,
    pub source: Source,
}

/// The flags the config adds to `args` (the command line, run as `subcommand`), with where
/// each option's value comes from. `matches` is the command line parsed without the config.
pub fn layered(
    command: &clap::Command,
    matches: &clap::ArgMatches,
    config: Option<&Config>,
    preset: Option<&str>,
) -> Result<(Vec<OsString>, Vec<Setting>), String> {
    let mut chosen: Vec<(String, toml::Value, Source)> = Vec::new();
    if let Some(config) = config {
        for layer in config.layers(command.get_name(), preset)? {
            for (key, value) in layer.values {
                if is_subcommand_table(key, value) {
                    continue;
                }
                let takes = command
                    .get_arguments()
                    .any(|a| a.get_long() == Some(key.as_str()));
                if !takes {
                    if layer.strict {
                        return Err(format!(
                            "{}: `hark {}` has no option --{key}",
                            layer.source,
                            command.get_name()
                        ));
                    }
                    continue;
                }
                chosen.retain(|(k, _, _)| k != key);
                chosen.push((key.clone(), value.clone(), layer.source.clone()));
            }
        } // later layers replaced earlier ones above
    } else if let Some(name) = preset {
        return Err(format!(
            "--preset {name} needs a config file with a [preset.{name}] table (~/.config/hark/config.toml, or --config FILE)"
        ));
    }
    let mut extra = Vec::new();
    let mut settings = Vec::new();
    for arg in command.get_arguments() {
        let Some(long) = arg.get_long() else { continue };
        if arg.is_hide_set()
            || matches!(
                long,
                "help" | "version" | "config" | "preset" | "quiet" | "verbose"
            )
        {
            continue;
        }
        let id = arg.get_id().as_str();
        let given = matches.value_source(id);
        let shown = |m: &clap::ArgMatches| {
            m.get_raw(id)
                .map(|vs| {
                    vs.map(|v| v.to_string_lossy().to_string())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default()
        };
        let from_config = chosen.iter().find(|(k, _, _)| k == long);
        match (given, from_config) {
            (Some(ValueSource::CommandLine), _) => settings.push(Setting {
                key: long.to_string(),
                value: shown(matches),
                source: Source::Flag,
            }),
            (Some(ValueSource::EnvVariable), _) => settings.push(Setting {
                key: long.to_string(),
                value: shown(matches),
                source: Source::Environment(
                    arg.get_env()
                        .map(|e| e.to_string_lossy().to_string())
                        .unwrap_or_default(),
                ),
            }),
            (_, Some((_, value, source))) => {
                let flag = format!("--{long}");
                let takes_value = arg.get_action().takes_values();
                let values: Vec<String> = match value {
                    toml::Value::Array(items) => items.iter().map(plain).collect(),
                    other => vec![plain(other)],
                };
                let optional_value = arg.get_num_args().is_some_and(|n| n.min_values() == 0);
                if takes_value && optional_value && value.as_bool() == Some(true) {
                    // `opus = true` is `--opus` with its default value.
                    extra.push(OsString::from(flag));
                } else if takes_value {
                    for v in &values {
                        extra.push(OsString::from(format!("{flag}={v}")));
                    }
                } else if value.as_bool() == Some(true) {
                    extra.push(OsString::from(flag));
                } else if value.as_bool() != Some(false) {
                    return Err(format!(
                        "{source}: {long} is a switch: give it true or false, not {value}"
                    ));
                }
                settings.push(Setting {
                    key: long.to_string(),
                    value: values.join(" "),
                    source: source.clone(),
                });
            }
            _ => settings.push(Setting {
                key: long.to_string(),
                value: shown(matches),
                source: Source::Default,
            }),
        }
    }
    Ok((extra, settings))
}

/// Runs the config under the command line: for a subcommand a config can set, the command line
/// again with the config's flags added (before any `--`), parsed; `Ok(None)` when the config adds
/// nothing. `raw` is the command line as given, `matches` it parsed.
pub fn apply(
    root: &clap::Command,
    raw: &[OsString],
    matches: &clap::ArgMatches,
) -> Result<Option<clap::ArgMatches>, String> {
    let Some((name, sub_matches)) = matches.subcommand() else {
        return Ok(None);
    };
    if !CONFIGURABLE.contains(&name) {
        return Ok(None);
    }
    let config = load(matches, root)?;
    let preset = matches.get_one::<String>("preset").map(String::as_str);
    let Some(sub) = root.find_subcommand(name) else {
        return Ok(None);
    };
    let (extra, _) = layered(sub, sub_matches, config.as_ref(), preset)?;
    if extra.is_empty() {
        return Ok(None);
    }
    let mut args = raw.to_vec();
    let at = args.iter().position(|a| a == "--").unwrap_or(args.len());
    args.splice(at..at, extra);
    root.clone()
        .try_get_matches_from(args)
        .map(Some)
        .map_err(|e| {
            if e.kind() == clap::error::ErrorKind::MissingRequiredArgument {
                // Neither the command line nor the config gives it: clap's own words.
                e.exit();
            }
            let path = config.as_ref().map(|c| c.path.display().to_string());
            let said = e.render().to_string();
            let first = said.lines().next().unwrap_or_default();
            format!(
                "a value from the config file {} was refused: {}",
                path.unwrap_or_default(),
                first.trim_start_matches("error: ")
            )
        })
}

/// The config file the command line names (or the user's), read and checked; `None` without one.
pub fn load(matches: &clap::ArgMatches, root: &clap::Command) -> Result<Option<Config>, String> {
    let given = matches.get_one::<PathBuf>("config");
    let Some(path) = config_path(given.map(PathBuf::as_path))? else {
        return Ok(None);
    };
    let config = Config::read(&path)?;
    config.check(root)?;
    Ok(Some(config))
}

/// The effective settings of `hark NAME`, with where each comes from (`hark config show`).
pub fn effective(
    root: &clap::Command,
    name: &str,
    matches: &clap::ArgMatches,
) -> Result<Vec<Setting>, String> {
    let config = load(matches, root)?;
    let preset = matches.get_one::<String>("preset").map(String::as_str);
    let sub = root
        .find_subcommand(name)
        .ok_or_else(|| format!("no subcommand {name}"))?
        .clone()
        .ignore_errors(true);
    // Its defaults and environment, as a run with no flags would see them.
    let sub_matches = sub.clone().get_matches_from([name]);
    let (_, settings) = layered(&sub, &sub_matches, config.as_ref(), preset)?;
    Ok(settings)
}

/// Whether `key = value` is a subcommand's own table (`[podcast]`) rather than an option.
fn is_subcommand_table(key: &str, value: &toml::Value) -> bool {
    CONFIGURABLE.contains(&key) && value.is_table()
}

/// A TOML value as a flag's text: strings without quotes, numbers and booleans as written.
fn plain(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, ArgAction, Command};

    fn command() -> Command {
        Command::new("hark").subcommand(
            Command::new("export")
                .arg(Arg::new("input"))
                .arg(Arg::new("voice").long("voice").default_value("espeak"))
                .arg(Arg::new("rate").long("rate").default_value("1"))
                .arg(
                    Arg::new("voices_dir")
                        .long("voices-dir")
                        .env("HARK_TEST_SETTINGS_DIR"),
                )
                .arg(
                    Arg::new("combined")
                        .long("combined")
                        .action(ArgAction::SetTrue),
                ),
        )
    }

    fn config(text: &str) -> Config {
        Config {
            path: PathBuf::from("hark.toml"),
            table: toml::from_str(text).unwrap(),
        }
    }

    fn layer(args: &[&str], text: &str, preset: Option<&str>) -> Result<Vec<String>, String> {
        let root = command();
        let matches = root.clone().get_matches_from(args);
        let (_, sub) = matches.subcommand().unwrap();
        let export = root.find_subcommand("export").unwrap();
        let config = config(text);
        config.check(&root)?;
        let (extra, _) = layered(export, sub, Some(&config), preset)?;
        Ok(extra
            .into_iter()
            .map(|s| s.to_string_lossy().to_string())
            .collect())
    }

    #[test]
    fn flags_beat_presets_beat_the_file() {
        let text = r#"
            voice = "espeak:en-gb"
            [export]
            rate = 1.2
            combined = true
            [preset.slow.export]
            rate = "0.8"
        "#;
        assert_eq!(
            layer(&["hark", "export", "a.txt"], text, None).unwrap(),
            ["--voice=espeak:en-gb", "--rate=1.2", "--combined"]
        );
        assert_eq!(
            layer(&["hark", "export", "a.txt"], text, Some("slow")).unwrap(),
            ["--voice=espeak:en-gb", "--rate=0.8", "--combined"]
        );
        assert_eq!(
            layer(
                &["hark", "export", "a.txt", "--rate", "2"],
                text,
                Some("slow")
            )
            .unwrap(),
            ["--voice=espeak:en-gb", "--combined"]
        );
    }

    #[test]
    fn misspelt_keys_and_unknown_presets_are_errors() {
        let e = layer(&["hark", "export", "a.txt"], "vioce = \"x\"", None).unwrap_err();
        assert!(e.contains("hark.toml") && e.contains("'vioce'"), "{e}");
        let e = layer(
            &["hark", "export", "a.txt"],
            "[export]\nfeed-title = \"x\"",
            None,
        )
        .unwrap_err();
        assert!(e.contains("feed-title"), "{e}");
        let e = layer(
            &["hark", "export", "a.txt"],
            "[preset.a]\nrate = 1",
            Some("b"),
        )
        .unwrap_err();
        assert!(
            e.contains("no preset 'b'") && e.contains("it has: a"),
            "{e}"
        );
        let e = layer(&["hark", "export", "a.txt"], "combined = \"yes\"", None).unwrap_err();
        assert!(e.contains("true or false"), "{e}");
    }
}
