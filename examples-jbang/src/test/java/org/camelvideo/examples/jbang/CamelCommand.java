package org.camelvideo.examples.jbang;

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/**
 * The {@code camel} command as {@code jbang camel@apache/camel} starts it: Camel JBang's own
 * command line on its own class path. The jbang launcher itself is not a package this project's
 * CI can install, and it adds nothing to what {@code camel run} does.
 */
public final class CamelCommand {

    private CamelCommand() {
    }

    public static void main(String[] args) {
        CamelJBangMain.run(args);
    }
}
