use std::path::PathBuf;
fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let a = kg::article::read(&PathBuf::from(&args[2]), None)?;
    let x = kg::extract::Extractor::shared()?.extract(&a);
    println!("{}", serde_json::to_string_pretty(&x)?);
    Ok(())
}
