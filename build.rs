//! Rebuilds the binary when catalog data changes: `include_dir!` embeds
//! `catalog/`, but on stable Rust it cannot tell cargo to watch the files.
//! No code is generated here.

fn main() {
    println!("cargo:rerun-if-changed=catalog");
}
