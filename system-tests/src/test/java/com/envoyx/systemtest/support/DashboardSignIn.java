package com.envoyx.systemtest.support;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Sign-up and log-in as a person does them in the dashboard's forms, for every browser walk:
 * the walks are about what comes after, so they share one way of getting there.
 */
public final class DashboardSignIn {

    public static final String PASSWORD = "correct horse battery staple";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private DashboardSignIn() {
    }

    /** Fills the sign-up form (open in the browser) and waits for the log-in form it leads to. */
    public static void signUp(WebDriver driver, String email) {
        visible(driver, "signup-form");
        type(driver, "#signup-name", "Acme Ltd");
        type(driver, "#signup-email", email);
        type(driver, "#signup-password", PASSWORD);
        driver.findElement(By.cssSelector("#signup-form button[type=submit]")).click();
        wait(driver).until(ExpectedConditions.urlContains("registered=1"));
        visible(driver, "login-form");
    }

    public static void logIn(WebDriver driver, String email) {
        logIn(driver, email, PASSWORD);
    }

    /** Fills the log-in form (open in the browser) and waits for Settings > API Keys. */
    public static void logIn(WebDriver driver, String email, String password) {
        type(driver, "#login-email", email);
        type(driver, "#login-password", password);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait(driver).until(ExpectedConditions.urlContains("/settings/api-keys"));
        visible(driver, "create-key");
    }

    public static void signUpAndLogIn(WebDriver driver, String email) {
        signUp(driver, email);
        logIn(driver, email);
    }

    private static void visible(WebDriver driver, String id) {
        wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private static void type(WebDriver driver, String css, String text) {
        WebElement field = driver.findElement(By.cssSelector(css));
        field.clear();
        field.sendKeys(text);
    }

    private static WebDriverWait wait(WebDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }
}
