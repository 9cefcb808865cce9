/* placeholder until the parser lands */
int main (void) { return 2; }
