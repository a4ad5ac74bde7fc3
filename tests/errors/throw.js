function fail() {
    throw new Error("boom");
}
console.log("before");
fail();
console.log("never printed");
