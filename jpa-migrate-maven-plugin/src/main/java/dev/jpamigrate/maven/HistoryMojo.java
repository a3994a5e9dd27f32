package dev.jpamigrate.maven;

import org.apache.maven.plugins.annotations.Mojo;

/** Lists every migration in order, applied or pending. */
@Mojo(name = "history", threadSafe = true)
public class HistoryMojo extends MigrateMojo {
    @Override
    String command() {
        return "history";
    }
}
