package dev.cqlmigrations.core;

/**
 * A script found by {@link ScriptScanner}, before copies of one location are told apart.
 * @param fileName the file's name
 * @param location the location as configured, followed by the path below it
 * @param origin the directory or jar of the classpath that holds it, or the filesystem location
 * @param identity what tells two files apart
 * @param content the script's text
 */
record FoundScript(String fileName, String location, String origin, String identity, String content) {

}
