package dev.dockerdoctor.app;
public class Main { public static void main(String[] a) {} }
