console.log(scriptArgs.length + ": " + scriptArgs.slice(1).join(","));
