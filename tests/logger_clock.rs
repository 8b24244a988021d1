//! The Logger's time of day comes from the VM's clock: with `--virtual-time` it is the virtual
//! clock's (the VM's start, a whole second, plus the virtual time), so a program that sleeps to
//! a known point of the second logs a known timestamp, the same one `System.os_time/1` reads.

use std::process::Command;

#[test]
fn logger_time_of_day_follows_the_virtual_clock() {
    let dir = std::env::temp_dir().join(format!("retort_logger_clock_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("clock.exs");
    std::fs::write(
        &script,
        "require Logger\n\
         ms = System.os_time(:millisecond)\n\
         Process.sleep(1000 - rem(ms, 1000) + 250)\n\
         t = System.os_time(:millisecond)\n\
         Logger.info(\"tick\")\n\
         IO.puts(t)\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_retort")).arg("run").arg("--virtual-time").arg(&script).output().expect("run retort");
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    // "", "HH:MM:SS.250 [info] tick", "<os_time ms>"
    assert_eq!(lines.len(), 3, "{stdout}");
    let t: u64 = lines[2].trim().parse().expect("os_time");
    let day = t % 86_400_000;
    let want = format!("{:02}:{:02}:{:02}.{:03} [info] tick", day / 3_600_000, (day / 60_000) % 60, (day / 1000) % 60, day % 1000);
    assert_eq!(lines[1], want);
    assert!(lines[1][..12].ends_with(".250"), "{}", lines[1]);
}
