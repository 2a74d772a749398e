package dev.comet.cli;

/** Entry point of the {@code comet} command. */
public final class CometCli {
    public static void main(String[] args) {
        System.out.println("comet");
    }
}
