package dev.cqlmigrations.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory of a process as Linux reports it in {@code /proc/<pid>/status}.
 */
final class ProcessMemory {

	private ProcessMemory() {
	}

	/**
	 * A field of the status file in MB.
	 * @param pid the process
	 * @param field {@code VmRSS} (resident now) or {@code VmHWM} (peak resident)
	 * @return megabytes (10^6 bytes), or {@code NaN} where /proc is not available
	 */
	static double megabytes(long pid, String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith(field + ":")) {
					String kilobytes = line.substring(field.length() + 1).replace("kB", "").trim();
					return Long.parseLong(kilobytes) * 1024 / 1e6;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux, or the process is gone
		}
		return Double.NaN;
	}

	/**
	 * CPU time a process has used so far, user and system, from {@code /proc/<pid>/stat}. Unlike
	 * wall time it hardly depends on what else runs on the machine.
	 * @param pid the process
	 * @return seconds, assuming the kernel's usual 100 clock ticks per second, or {@code NaN} where
	 * /proc is not available
	 */
	static double cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// The command name in parentheses may hold spaces: count fields after its closing parenthesis.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	/** @return the load average line of the machine, or "n/a" */
	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "n/a";
		}
	}

}
