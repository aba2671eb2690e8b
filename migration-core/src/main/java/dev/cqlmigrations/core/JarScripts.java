package dev.cqlmigrations.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Finds the scripts of a classpath location inside a jar, including the nested jars of a Spring
 * Boot executable jar (which the jar URL connection opens for us).
 */
final class JarScripts {

	private JarScripts() {
	}

	/**
	 * Adds the scripts below a location inside a jar.
	 * @param url the location's URL, {@code jar:...!/path}
	 * @param location the location as configured, for messages and script locations
	 * @param found where to add the scripts
	 * @throws MigrationLoadException when the jar cannot be opened or read
	 */
	static void scan(URL url, String location, List<FoundScript> found) {
		JarFile jarFile;
		String prefix;
		try {
			URLConnection connection = url.openConnection();
			if (!(connection instanceof JarURLConnection jarConnection)) {
				throw new MigrationLoadException("Cannot search migration location " + location + " at " + url
						+ ": only directories and jar files are supported");
			}
			// An uncached jar file is ours alone: no other code sees it, and closing it is safe.
			jarConnection.setUseCaches(false);
			jarFile = jarConnection.getJarFile();
			String entryName = (jarConnection.getEntryName() != null) ? jarConnection.getEntryName() : "";
			prefix = (entryName.isEmpty() || entryName.endsWith("/")) ? entryName : entryName + "/";
		}
		catch (IOException ex) {
			throw new MigrationLoadException("Cannot open migration location " + location + " at " + url + ": "
					+ ex.getMessage(), ex);
		}
		String external = url.toString();
		String origin = external.contains("!/") ? external.substring(0, external.lastIndexOf("!/")) : external;
		try (jarFile) {
			for (JarEntry entry : Collections.list(jarFile.entries())) {
				String name = entry.getName();
				String relative = name.substring(Math.min(prefix.length(), name.length()));
				if (!entry.isDirectory() && name.startsWith(prefix) && ScriptScanner.isScript(relative)) {
					String fileLocation = ScriptScanner.child(location, relative);
					found.add(new FoundScript(name.substring(name.lastIndexOf('/') + 1), fileLocation, origin,
							origin + "!/" + name, ScriptScanner.decode(read(jarFile, entry), fileLocation)));
				}
			}
		}
		catch (IOException ex) {
			throw new MigrationLoadException("Cannot read migration location " + location + " at " + url + ": "
					+ ex.getMessage(), ex);
		}
	}

	private static byte[] read(JarFile jarFile, JarEntry entry) throws IOException {
		try (InputStream input = jarFile.getInputStream(entry)) {
			return input.readAllBytes();
		}
	}

}
