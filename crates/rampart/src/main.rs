use clap::Parser;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = rampart::cli::Cli::parse();
    std::process::exit(rampart::cli::run(cli));
}
