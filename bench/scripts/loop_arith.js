let s = 0;
for (let i = 0; i < 5000000; i++) { s = (s + i * 3) % 1000003; }
print(s);
