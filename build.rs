//! Finds the system's eSpeak NG library with pkg-config and links it, or stops the build with a
//! message that says which package to install.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if let Err(e) = pkg_config::Config::new()
        .atleast_version("1.49")
        .probe("espeak-ng")
    {
        eprintln!(
            "\nhark needs the eSpeak NG library and its headers to build (pkg-config could not find espeak-ng: {e}).\n\
             Install it with:\n\
             \x20 Debian/Ubuntu: sudo apt-get install libespeak-ng-dev pkg-config\n\
             \x20 Fedora:        sudo dnf install espeak-ng-devel pkgconf-pkg-config\n\
             \x20 macOS:         brew install espeak-ng pkg-config\n\
             or run scripts/quickstart, which installs it for you.\n"
        );
        std::process::exit(1);
    }
}
