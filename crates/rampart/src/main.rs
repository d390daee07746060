use clap::Parser;

fn main() {
    let cli = rampart::cli::Cli::parse();
    std::process::exit(rampart::cli::run(cli));
}
