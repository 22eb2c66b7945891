fn main() {
    std::process::exit(tre::cli::run());
}
