# the script's environment, in dash's order, after cd (PWD and OLDPWD exported)
env
cd /
env
