package dev.jpamigrate.maven;

import org.apache.maven.plugins.annotations.Mojo;

/** Lists every migration in order, applied or pending. */
@Mojo(name = "history")
public class HistoryMojo extends MigrateMojo {
    @Override
    String command() {
        return "history";
    }
}
